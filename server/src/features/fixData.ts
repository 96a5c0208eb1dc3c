/**
 * A finding's fix as a diagnostic's `data`, and back: spans become LSP ranges here, so a code
 * action needs nothing but the diagnostic. What comes back in a code-action request was sent by
 * the client and is not trusted: `fixDataOf` keeps it only when it has the shape written here.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { Fix, GenerateFix, isGenerateFix } from '../core/fixes';
import type { LineIndex } from '../util/lineIndex';

/** A quick fix as the diagnostic carries it: LSP text edits of the diagnostic's document. */
export interface RangeFix {
  readonly title: string;
  readonly edits: TextEdit[];
}

/** A diagnostic's `data`: quick fixes with ranges, or a generate action as the rule wrote it. */
export type FixData =
  | { readonly fixes: readonly RangeFix[] }
  | { readonly generate: GenerateFix };

export function toFixData(fix: Fix, index: LineIndex): FixData {
  if (!('fixes' in fix)) return fix;
  return {
    fixes: fix.fixes.map((x) => ({
      title: x.title,
      edits: x.edits.map((e) => ({ range: { start: index.positionAt(e.span.start), end: index.positionAt(e.span.end) }, newText: e.newText })),
    })),
  };
}

type Shape = Readonly<Record<string, unknown>>;
const isObject = (x: unknown): x is Shape => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isPosition = (x: unknown): boolean => isObject(x) && isIndex(x.line) && isIndex(x.character);
const isTextEdit = (x: unknown): x is TextEdit => isObject(x) && typeof x.newText === 'string'
  && isObject(x.range) && isPosition(x.range.start) && isPosition(x.range.end);
const isRangeFix = (x: unknown): x is RangeFix => isObject(x) && typeof x.title === 'string' && Array.isArray(x.edits) && x.edits.every(isTextEdit);

/**
 * A diagnostic's `data` as sent back by the client, when it has the shape `toFixData` writes;
 * anything else (another extension's data, a malformed or partial value) is undefined: no action.
 */
export function fixDataOf(data: unknown): FixData | undefined {
  if (!isObject(data)) return undefined;
  if ('fixes' in data) return Array.isArray(data.fixes) && data.fixes.every(isRangeFix) ? { fixes: data.fixes } : undefined;
  return isGenerateFix(data.generate) ? { generate: data.generate } : undefined;
}
