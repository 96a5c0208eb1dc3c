/**
 * A finding's fix as a diagnostic's `data`: spans become LSP ranges here, so a code action needs
 * nothing but the diagnostic.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Fix, GenerateFix } from '../core/fixes';
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
