/** Reading a YAML document as JSON with the spans of its values: what product modules build on. */
import type { Document } from 'yaml';
import { locate, PathSegment, TemplateValue } from '../parse/yaml';
import type { Located, Span } from '../core/types';

export type Json = Record<string, unknown>;

/**
 * A value written with a template action (`{{ .Values.name }}`): present, but unknown until
 * install. It is neither a string nor a mapping to the readers below, so no product takes it for
 * a name, a host or a Secret; code that weighs values (constraints) asks `unknown(v)`.
 */
export const unknown = (v: unknown): v is TemplateValue => v instanceof TemplateValue;

export const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) && !unknown(v) ? (v as Json) : undefined);
/** A known, non-empty string (never a TemplateValue). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The span of the value at a path (or of its key when the value is empty). */
export function at(doc: Document.Parsed, path: readonly PathSegment[]): Span | undefined {
  return locate(doc, path)?.valueSpan;
}

/** A non-empty string at a path, with its span. */
export function located(doc: Document.Parsed, path: readonly PathSegment[], value: unknown): Located | undefined {
  const s = str(value);
  const span = s ? at(doc, path) : undefined;
  return s && span ? { value: s, span } : undefined;
}

/** The value at a JSON path. */
export function get(json: unknown, path: readonly PathSegment[]): unknown {
  let cur = json;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur;
}

/** Whether a dotted path (`server.auth`) exists in a mapping. */
export function has(json: unknown, dotted: string): boolean {
  return get(json, dotted.split('.')) !== undefined;
}

/** Parses `a.b[0].c` (and `{svc}`, `*` segments) into segments. */
export function parsePath(dotted: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of dotted.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) { out.push(part); continue; }
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** A path as people write it: `trow.ingress.hosts[0].host`. */
export function showPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
