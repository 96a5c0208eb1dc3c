/**
 * `tlsLens/explain`: an error message explained among the findings of the workspace the language
 * server holds, as `tls-lens explain` explains it among check's (one engine, one ranking:
 * explainMessage). This presents: findings as LSP locations, causes as the CLI's JSON prints them.
 * The message is never echoed back; only the names read from it are, with their control
 * characters escaped.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../engine';
import { causeJson, type CauseJson, EXPLAIN_MAX_INPUT, explainMessage, NAME_KINDS, type Names } from '../explain/explain';
import type { Severity } from '../rules/types';
import { LineIndex } from '../util/lineIndex';
import { printable } from '../util/printable';

/** The params of `tlsLens/explain`. */
export interface ExplainParams {
  readonly message: string;
}

export interface ExplainFinding {
  readonly uri: string;
  readonly range: Range;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The finding's diagnostic carries a quick fix or a generate action. */
  readonly fixable: boolean;
}

/** The answer of `tlsLens/explain`. */
export interface ExplainAnswer {
  /** The ids of the error families the message was recognised as (none: unrecognised). */
  readonly recognised: string[];
  /** What the message names (hosts, paths, …), escaped: the only part of it answered. */
  readonly names: Names;
  /** Only the first EXPLAIN_MAX_INPUT characters were read. */
  readonly truncated: boolean;
  /** The workspace scan had finished: every file was in the index. */
  readonly complete: boolean;
  readonly causes: CauseJson[];
  /** Ranked, the most likely cause first. */
  readonly findings: ExplainFinding[];
}

/** One checked file of the workspace: where it is, its text (for positions) and its findings. */
export interface CheckedFile {
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** A message the request accepts: a string, cut to EXPLAIN_MAX_INPUT (and one more, so that the cut shows). */
export function explainInput(params: unknown): string | undefined {
  const m = (params as { message?: unknown } | null | undefined)?.message;
  return typeof m === 'string' ? m.slice(0, EXPLAIN_MAX_INPUT + 1) : undefined;
}

/**
 * The answer over the workspace's checked files. Findings are ranked by their path relative to
 * the workspace folder holding them (as the CLI ranks the paths it prints).
 */
export function explainAnswer(message: string, files: readonly CheckedFile[], roots: readonly string[], complete: boolean): ExplainAnswer {
  const relative = (p: string) => {
    const root = roots.find((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    return root ? path.relative(root, p) : p;
  };
  const all = files.flatMap((file) => {
    const lines = new LineIndex(file.text);
    const uri = pathToFileURL(file.path).href;
    const shown = relative(file.path);
    return file.findings.map((f) => ({
      code: f.ruleId, file: shown, message: f.message, severity: f.severity as string,
      answer: {
        uri, range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) },
        ruleId: f.ruleId, severity: f.severity, message: f.message, fixable: f.fix !== undefined,
      } satisfies ExplainFinding,
    }));
  });
  const explained = explainMessage(message, all);
  const names = Object.fromEntries(NAME_KINDS.map((k) => [k, explained.recognition.names[k].map(printable)])) as Names;
  return {
    recognised: explained.matches.map((m) => m.family.id),
    names,
    truncated: explained.recognition.truncated,
    complete,
    causes: explained.causes.map(causeJson),
    findings: explained.findings.map((f) => f.answer),
  };
}
