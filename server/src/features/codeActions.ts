import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';

interface FixData { fixes?: { title: string; edits: { range: Diagnostic['range']; newText: string }[] }[] }

/** Quick fixes computed from the diagnostics alone: their `data` carries the edits. */
export function codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'TLS Lens') continue;
    const fixes = (d.data as FixData | undefined)?.fixes ?? [];
    fixes.forEach((f, i) => out.push({
      title: f.title,
      kind: 'quickfix',
      diagnostics: [d],
      isPreferred: fixes.length === 1 && i === 0,
      edit: { changes: { [uri]: f.edits } },
    }));
  }
  return out;
}
