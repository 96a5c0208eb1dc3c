/**
 * What the release-declaring families share (helmfile, Argo CD, Flux, the values modeline): reading
 * value lists and `--set` lists into the release vocabulary of core/release.ts, with spans.
 */
import type { Document } from 'yaml';
import type { PathSegment } from '../parse/yaml';
import type { DeclaredPath, RelativeTo, SetValue, ValuesSource } from '../core/release';
import type { Span } from '../core/types';
import { arr, at, obj, str, unknown } from './json';

/** A scalar as helm would take it in `--set` (numbers and booleans as written). */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Whether a declared string is written with a template action (helmfile's Go templates): not rendered as written. */
export const templated = (v: unknown): boolean => unknown(v) || (typeof v === 'string' && v.includes('{{'));

/** A path written at `path` of the document, or undefined when absent or not a string. */
export function declaredPath(doc: Document.Parsed, path: readonly PathSegment[], value: unknown, relativeTo: RelativeTo): DeclaredPath | undefined {
  const p = str(value);
  const span = p ? at(doc, path) : undefined;
  return p && span ? { path: p, relativeTo, span } : undefined;
}

/** Values files of a list of strings (Argo CD's valueFiles, Flux's valuesFiles). */
export function valueFiles(doc: Document.Parsed, base: readonly PathSegment[], list: unknown, relativeTo: RelativeTo): ValuesSource[] {
  const out: ValuesSource[] = [];
  arr(list).forEach((v, i) => {
    const file = declaredPath(doc, [...base, i], v, relativeTo);
    if (file) out.push({ kind: 'file', file });
  });
  return out;
}

/** `--set` entries of a list of `{name, value}` maps (helmfile's set, Argo CD's parameters). */
export function setList(doc: Document.Parsed, base: readonly PathSegment[], list: unknown, forceKey?: string): SetValue[] {
  const out: SetValue[] = [];
  arr(list).forEach((v, i) => {
    const o = obj(v);
    const key = str(o?.name);
    const value = scalarText(o?.value);
    const span: Span | undefined = at(doc, [...base, i, 'value']) ?? at(doc, [...base, i]);
    if (!o || !key || value === undefined || !span || templated(key) || templated(value)) return;
    out.push({ key, value, span, ...(forceKey && o[forceKey] === true ? { string: true } : {}) });
  });
  return out;
}

/** An inline values map at a path (a map, non-empty). */
export function inlineMap(doc: Document.Parsed, path: readonly PathSegment[], value: unknown): ValuesSource | undefined {
  const o = obj(value);
  const span = o && Object.keys(o).length > 0 ? at(doc, path) : undefined;
  return o && span ? { kind: 'inline', inline: { json: o, span } } : undefined;
}
