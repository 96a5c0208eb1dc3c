import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from '../engine';
import { ruleDocUrl } from '../rules/registry';
import type { Severity } from '../rules/types';
import { toFixData } from './fixData';
import { LineIndex } from '../util/lineIndex';

export const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/** Resolves a position in another file, for related information. */
export type PositionOf = (path: string, offset: number) => { line: number; character: number } | undefined;

export function toDiagnostic(f: Finding, index: LineIndex, positionOf?: PositionOf): Diagnostic {
  const related = (f.related ?? []).flatMap((r) => {
    const s = positionOf?.(r.path, r.span.start);
    const e = positionOf?.(r.path, r.span.end);
    return s && e ? [{ location: { uri: pathToFileURL(r.path).href, range: { start: s, end: e } }, message: r.message }] : [];
  });
  return {
    range: { start: index.positionAt(f.span.start), end: index.positionAt(f.span.end) },
    severity: LSP_SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: 'TLS Lens',
    message: f.message,
    ...(f.fix !== undefined ? { data: toFixData(f.fix, index) } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

export function toDiagnostics(findings: readonly Finding[], index: LineIndex, positionOf?: PositionOf): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, index, positionOf));
}
