/**
 * Paths and spans of a parsed YAML document, as rules and hover ask for them: the span of a key
 * or a value at a path, the key under an offset. Nothing above the model reads YAML itself.
 */
import { locate, pathAt } from '../parse/yaml';
import type { PathSegment } from '../parse/yaml';
import type { Span } from '../core/types';
import type { YamlDocModel } from './yaml';

export type { PathSegment } from '../parse/yaml';

/** The span of the key at a path; undefined for the root, a sequence item, or a path the document lacks. */
export function keySpanOf(doc: YamlDocModel, path: readonly PathSegment[]): Span | undefined {
  return locate(doc.doc, path)?.keySpan;
}

/** The span of the value at a path; undefined when the document lacks the path. */
export function valueSpanOf(doc: YamlDocModel, path: readonly PathSegment[]): Span | undefined {
  return locate(doc.doc, path)?.valueSpan;
}

/** The mapping key under an offset, with its path (the key last); undefined off a key. */
export function keyAt(doc: YamlDocModel, offset: number): { readonly path: readonly PathSegment[]; readonly key: string } | undefined {
  const at = pathAt(doc.doc, offset);
  if (!at.onKey) return undefined;
  return { path: at.path, key: String(at.path[at.path.length - 1]) };
}
