import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-types';
import type { GenerateFix } from '../core/fixes';
import { fixDataOf } from './fixData';

/** The client command a generate action runs: it asks for consent where files would be replaced, then asks the server. */
export const GENERATE_FROM_DIAGNOSTIC = 'tlsLens.generateFromDiagnostic';

/**
 * Quick fixes computed from the diagnostics alone: their `data` carries the edits, or what a
 * generate action needs (keys are made only when the action is chosen). The data comes back from
 * the client: what does not have the shape the server wrote offers nothing.
 */
export function codeActions(uri: string, diagnostics: readonly Diagnostic[], generate?: (fix: GenerateFix) => Command): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'TLS Lens') continue;
    const data = fixDataOf(d.data);
    const fixes = data && 'fixes' in data ? data.fixes : [];
    fixes.forEach((f, i) => out.push({
      title: f.title,
      kind: 'quickfix',
      diagnostics: [d],
      isPreferred: fixes.length === 1 && i === 0,
      edit: { changes: { [uri]: f.edits } },
    }));
    const g = data && 'generate' in data ? data.generate : undefined;
    // Only where the workspace is trusted: generating writes files.
    if (g && generate) out.push({ title: g.title, kind: 'quickfix', diagnostics: [d], command: generate(g) });
  }
  return out;
}
