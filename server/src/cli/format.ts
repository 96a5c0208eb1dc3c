import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../engine';
import { RULES, ruleDocUrl } from '../rules/registry';
import type { Severity } from '../rules/types';
import { LineIndex } from '../util/lineIndex';
import { printable } from '../util/printable';

export interface FileResult {
  /** The path as the user gave it (cli/args.ts pathsAsGiven): absolute, or relative with forward slashes. */
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
      out.push({
        file: r.file, range: { start: index.positionAt(f.span.start), end: index.positionAt(f.span.end) }, severity: f.severity,
        code: f.ruleId, message: f.message,
      });
    }
  }
  return out;
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(toJsonFindings(results), null, 2) + '\n';
}

/** An input named (or found in a folder named) that could not be read. */
export interface Unreadable {
  readonly path: string;
  readonly reason: string;
}

/** One finding as the text output prints it: `file:line:col: severity message [rule]`, control characters escaped. */
export function findingLine(f: JsonFinding, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };
  const where = `${printable(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return `${where}: ${c(sevColor[f.severity], f.severity)} ${printable(f.message)} ${c('90', `[${f.code}]`)}`;
}

/**
 * The text output. With inputs that could not be read (`unreadable` > 0), the summary says the
 * check is incomplete, and never "no problems". File names and messages come from the repository
 * (a CN, a path, a YAML key): their control characters are printed as escapes.
 */
export function formatText(results: readonly FileResult[], color: boolean, unreadable = 0): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of toJsonFindings(results)) {
    counts[f.severity]++;
    lines.push(findingLine(f, color));
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  const tally = `${files} file(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s)`;
  if (unreadable > 0) lines.push(`${tally}; ${unreadable} input(s) could not be read (see stderr): the check is incomplete.`);
  else lines.push(total === 0 ? `${files} file(s) checked, no problems.` : `${tally}.`);
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * Where a SARIF result points: a relative path against %SRCROOT% (the current folder), an
 * absolute one as a file URI (SARIF 2.1.0 §3.4.3, §3.4.4).
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: path.posix.normalize(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * SARIF 2.1.0. The run's invocation says whether it read every input: an input that could not be
 * read makes `executionSuccessful` false, with a tool execution notification (level error) naming
 * it, so a SARIF consumer never takes an incomplete run for a clean one.
 */
export function formatSarif(results: readonly FileResult[], version: string, cwd: string, unreadable: readonly Unreadable[] = []): string {
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
            artifactLocation: artifactLocation(f.file),
            region: {
              startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
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
        invocations: [
          unreadable.length === 0
            ? { executionSuccessful: true }
            : {
                executionSuccessful: false,
                toolExecutionNotifications: unreadable.map((u) => ({
                  level: 'error',
                  message: { text: `cannot read ${u.path}: ${u.reason}` },
                  locations: [{ physicalLocation: { artifactLocation: artifactLocation(u.path) } }],
                })),
              },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
