import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../engine';
import { RULES, ruleDocUrl } from '../rules/registry';
import type { Severity } from '../rules/types';
import { LineIndex } from '../util/lineIndex';

export interface FileResult {
  /** Path relative to the current directory, with forward slashes. */
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** The public JSON contract of `tls-lens check --format json` (schemas/check-output.schema.json). */
export interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: string;
  message: string;
}

export function toJsonFindings(results: readonly FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      out.push({ file: r.file, range: { start: index.positionAt(f.span.start), end: index.positionAt(f.span.end) }, severity: f.severity, code: f.ruleId, message: f.message });
    }
  }
  return out;
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(toJsonFindings(results), null, 2) + '\n';
}

export function formatText(results: readonly FileResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of toJsonFindings(results)) {
    counts[f.severity]++;
    const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`${where}: ${c(sevColor[f.severity], f.severity)} ${f.message} ${c('90', `[${f.code}]`)}`);
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  lines.push(
    total === 0
      ? `${files} file(s) checked, no problems.`
      : `${files} file(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s).`,
  );
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(results: readonly FileResult[], version: string, cwd: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const sarifResults = [];
  for (const f of toJsonFindings(results)) {
    sarifResults.push({
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'TLS Lens',
            informationUri: 'https://github.com/tls-lens/tls-lens',
            version,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              helpUri: ruleDocUrl(r.meta.id),
              help: { text: `${r.meta.description} Source: ${r.meta.citation}.` },
              defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
              properties: { citation: r.meta.citation },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
