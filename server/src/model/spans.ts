/**
 * Spans of a document's text itself, for findings that no parsed fact carries: about the whole
 * file (its first line), a span cut at the end of its line, the whole text. Rules ask here and
 * never read the text.
 */
import type { Span } from '../core/types';

/** What these read of a document model (DocumentModel is one). */
interface Text {
  readonly text: string;
}

/**
 * The document's first line, without its line break, at most `max` characters: where a finding
 * about the whole file is shown (a squiggle, not the whole of a minified or binary file).
 */
export function firstLineSpan(model: Text, max = 200): Span {
  const head = model.text.length > max ? model.text.slice(0, max) : model.text;
  const nl = head.indexOf('\n');
  return { start: 0, end: nl < 0 ? head.length : nl };
}

/** A span cut at the end of the line where it starts (a block's first line). */
export function clipToLine(model: Text, span: Span): Span {
  const nl = model.text.indexOf('\n', span.start);
  return { start: span.start, end: nl < 0 ? span.end : Math.min(span.end, nl) };
}

/** The whole text. */
export function wholeSpan(model: Text): Span {
  return { start: 0, end: model.text.length };
}
