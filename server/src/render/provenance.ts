/**
 * Where a finding on a rendered object lands: the source that produced the offending value. In
 * order: a `--set` whose value it is; the values (the release's sources, later ones first, then
 * the chart's own values.yaml) that hold it as a scalar, or a part of it (a domain the template
 * prefixes); for a list, the values key that holds the list; else the template line that wrote it
 * (`# Source:`, matched by its key); else the declaration.
 */
import type { Span } from '../core/types';
import type { ReleasePlan } from './plan';

export interface SourceText {
  readonly path: string;
  readonly text: string;
  /** The region of `text` that holds values (an inline map in a helmfile); all of it when absent. */
  readonly span?: Span;
}

export interface Landing {
  readonly path: string;
  readonly span: Span;
  /** How it was found, for the message: "the value", "the list", "the template line". */
  readonly how: 'set' | 'value' | 'part' | 'list' | 'template' | 'declaration';
}

const BORING = /^(true|false|null|~|-?\d+(\.\d+)?|yes|no|on|off)$/i;

/** The value a span of rendered text holds: a scalar (quotes dropped), or the value after `key:` / `- `. */
export function scalarAt(text: string, span: Span): string | undefined {
  let s = text.slice(span.start, span.end);
  if (s.includes('\n')) return undefined;
  const kv = /^\s*(?:-\s+)?[\w.\-/"']+:\s+(.+)$/.exec(s);
  if (kv) s = kv[1];
  s = s.replace(/^\s*-\s+/, '').trim().replace(/\s+#.*$/, '');
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) s = s.slice(1, -1);
  return s === '' ? undefined : s;
}

/** The items of a list a multi-line span holds (`- item` lines; comments and keys are not items). */
function scalarsIn(text: string, span: Span): string[] {
  const out: string[] = [];
  for (const line of text.slice(span.start, span.end).split('\n')) {
    const v = /^\s*-\s+(?:[\w.\-/"']+:\s+)?(.+?)\s*$/.exec(line)?.[1]?.replace(/^["']|["']$/g, '');
    if (v && !v.startsWith('#') && !v.endsWith(':') && !BORING.test(v)) out.push(v);
  }
  return out;
}

/** Occurrences of a value written as a YAML scalar (after `key: `, `- `, in quotes or in a flow list) inside a region. */
function occurrences(src: SourceText, value: string): Span[] {
  const from = src.span?.start ?? 0;
  const to = src.span?.end ?? src.text.length;
  const out: Span[] = [];
  for (let i = src.text.indexOf(value, from); i >= 0 && i + value.length <= to; i = src.text.indexOf(value, i + 1)) {
    const before = src.text.slice(Math.max(from, i - 3), i);
    const after = src.text.slice(i + value.length, i + value.length + 1);
    if (/(:\s|-\s|["'[,{=]\s?)$/.test(before) && (after === '' || /["'\s,\]}#\n\r]/.test(after))) out.push({ start: i, end: i + value.length });
    if (out.length > 20) break;
  }
  return out;
}

/** The scalars a region writes (`key: value`, `- value`), with their spans: candidates for a value a template builds on. */
function scalarsOf(src: SourceText): { value: string; span: Span }[] {
  const from = src.span?.start ?? 0;
  const region = src.text.slice(from, src.span?.end ?? src.text.length);
  const out: { value: string; span: Span }[] = [];
  const re = /^([ \t]*(?:-[ \t]+)?(?:[\w.\-/]+:[ \t]+)?)(["']?)([^"'#\n]*?)\2[ \t]*(?:#.*)?$/gm;
  for (const m of region.matchAll(re)) {
    const v = m[3];
    if (v.length < 4 || BORING.test(v) || v.endsWith(':') || v.startsWith('{') || v.startsWith('[')) continue;
    const start = from + m.index! + m[1].length + m[2].length;
    out.push({ value: v, span: { start, end: start + v.length } });
    if (out.length > 20_000) break;
  }
  return out;
}

/** The key line above a position whose block holds it (a list's key): its key's span. */
function parentKey(text: string, offset: number): Span | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const m = /^([ \t]*)([\w.\-/"']+):[ \t]*(#.*)?$/.exec(line);
    if (m && m[1].length < indent) return { start: start + m[1].length, end: start + m[1].length + m[2].length };
    if (line.trim() !== '' && /^[ \t]*/.exec(line)![0].length < indent && !m) return undefined;
    end = start - 1;
  }
  return undefined;
}

/** The sources of a plan's values, highest precedence first, then the chart's own values.yaml. */
function valueSources(plan: ReleasePlan, chartValues?: SourceText): SourceText[] {
  const own = [...plan.values].reverse().map((v) => v.origin);
  return chartValues ? [...own, chartValues] : own;
}

/** The template line that wrote a rendered line: same key (and list dash) at the closest relative place. */
function templateLine(template: SourceText, renderedText: string, span: Span): Span | undefined {
  const lineStart = renderedText.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = renderedText.indexOf('\n', span.start);
  const line = renderedText.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const key = /^\s*(-\s+)?([\w.\-/"']+):/.exec(line)?.[2];
  const lines = template.text.split('\n');
  let offset = 0;
  const hits: Span[] = [];
  for (const l of lines) {
    const trimmed = l.trim();
    if ((key && new RegExp(`^(-\\s+)?${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:`).test(trimmed)) || (!key && trimmed === line.trim() && trimmed !== '')) {
      const lead = l.length - l.trimStart().length;
      hits.push({ start: offset + lead, end: offset + l.length });
    }
    offset += l.length + 1;
  }
  if (hits.length === 0) return undefined;
  // Several lines with that key: the one at the nearest relative position in the file.
  const where = span.start / Math.max(1, renderedText.length);
  return hits.reduce((best, h) => (Math.abs(h.start / template.text.length - where) < Math.abs(best.start / template.text.length - where) ? h : best));
}

/** Where a finding on a rendered document lands. */
export function landing(
  plan: ReleasePlan, rendered: { text: string; template?: SourceText }, span: Span, chartValues: SourceText | undefined,
): Landing {
  const value = scalarAt(rendered.text, span);
  const sources = valueSources(plan, chartValues);
  if (value !== undefined) {
    const set = plan.set.find((s) => s.value === value);
    if (set) return { path: plan.from, span: set.span, how: 'set' };
    for (const src of sources) {
      const hit = occurrences(src, value)[0];
      if (hit) return { path: src.path, span: hit, how: 'value' };
    }
    // A value the template builds from a part the values give (`api.{{ .Values.domain }}`): the longest part.
    let best: { path: string; span: Span; len: number } | undefined;
    for (const src of sources) {
      for (const s of scalarsOf(src)) {
        if (value.includes(s.value) && (!best || s.value.length > best.len)) best = { path: src.path, span: s.span, len: s.value.length };
      }
    }
    if (best) return { path: best.path, span: best.span, how: 'part' };
  } else {
    // A list or block: the values key that holds the first of its items found.
    for (const item of scalarsIn(rendered.text, span)) {
      for (const src of sources) {
        const hit = occurrences(src, item)[0];
        const key = hit ? parentKey(src.text, hit.start) : undefined;
        if (key) return { path: src.path, span: key, how: 'list' };
      }
    }
  }
  if (rendered.template) {
    const line = templateLine(rendered.template, rendered.text, span);
    if (line) {
      // The value itself when the template writes it as it is (a literal): the same place a check of the template finds.
      const at = value !== undefined && value.length > 0 ? rendered.template.text.slice(line.start, line.end).indexOf(value) : -1;
      const narrowed = at >= 0 ? { start: line.start + at, end: line.start + at + value!.length } : line;
      return { path: rendered.template.path, span: narrowed, how: 'template' };
    }
  }
  return { path: plan.from, span: plan.fact.span, how: 'declaration' };
}
