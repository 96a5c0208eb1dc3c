/**
 * YAML with ranges (eemeli/yaml). Multi-document files are split into documents, each with its own
 * range. Helm templates are not YAML: their `{{ … }}` actions are masked (offsets stay put) and
 * their syntax errors are never reported. A value written with an action — in a template, or a
 * `tpl` string of a values file — is not known before install: it reads as a TemplateValue, never
 * as a string, so nothing above takes it for a name, a host or a setting.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import type { Span } from '../core/types';
import { parseBlockYaml } from './yamlBlock';

export interface YamlDocument {
  readonly doc: Document.Parsed;
  /** The document's own text span (between `---` separators). */
  readonly span: Span;
  readonly errors: readonly { span: Span; message: string }[];
  readonly warnings: readonly { span: Span; message: string }[];
  /** The document as JSON (undefined when it could not be converted within the bounds). */
  readonly json: unknown;
  /** What was not read because it exceeds a bound (alias expansion, nesting depth). */
  readonly limits: readonly { span: Span; message: string }[];
  /** Set when `json` holds a TemplateValue (plainJson gives it back as the text written). */
  readonly templated?: boolean;
}

/**
 * A scalar written with a template action (`{{ .Values.name }}-issuer`): filled at install time,
 * so unknown here. Not a string (typeof, `str()` and schema-free readers pass it by), not a
 * mapping; String() gives the value as written. Nothing of it is enumerable.
 */
export class TemplateValue {
  readonly #written: string;
  constructor(written: string) {
    this.#written = written;
  }
  /** The value as written, actions included. */
  get written(): string {
    return this.#written;
  }
  toString(): string {
    return this.#written;
  }
}

/** Whether a text holds a template action (`{{` closed by `}}`). */
export function holdsTemplateAction(text: string): boolean {
  const open = text.indexOf('{{');
  return open >= 0 && text.indexOf('}}', open + 2) >= 0;
}

/** The JSON of a document as written: each TemplateValue back to its text (what a JSON Schema validates). */
export function plainJson(v: unknown): unknown {
  if (v instanceof TemplateValue) return v.written;
  if (Array.isArray(v)) return v.map(plainJson);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') Object.defineProperty(out, k, { value: plainJson(x), enumerable: true, writable: true, configurable: true });
      else out[k] = plainJson(x);
    }
    return out;
  }
  return v;
}

export interface YamlParseResult {
  readonly documents: readonly YamlDocument[];
  /** True when the text holds Helm/Go template actions (then syntax errors are not reported). */
  readonly template: boolean;
}

export function isTemplatePath(uri: string): boolean {
  return /[\\/]templates[\\/]/.test(uri) || /\.(tpl|gotmpl)$/.test(uri);
}

/** The template actions `{{ … }}` of a text, in order. One pass with indexOf: an action that never closes ends the list. */
export function templateActions(text: string): Span[] {
  const out: Span[] = [];
  for (let from = 0; ;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    out.push({ start: open, end: close + 2 });
    from = close + 2;
  }
  return out;
}

/** Actions that write nothing: control flow, comments, variable assignments. */
const SILENT = /^\{\{-?\s*(?:(?:if|else|end|range|with|define|block|break|continue)\b|\/\*|\$[\w]*\s*:?=)/;

/**
 * Masks a template's actions, offsets kept (newlines too). An action that writes a value inside a
 * line (`name: {{ .Values.name }}-issuer`, `- {{ . | quote }}`) becomes filler of its length, so
 * the scalar it is part of stays one scalar and is found by its range; an action alone on its
 * line(s) (`{{- include … | nindent 4 }}`, `{{- if … }}`) or one that writes nothing becomes spaces.
 */
export function maskTemplateActions(text: string, actions: readonly Span[] = templateActions(text)): string {
  if (actions.length === 0) return text;
  const words = wordsOutside(text, actions);
  const parts: string[] = [];
  let from = 0;
  // The line of each action, found walking forward (actions are in order): every newline is
  // looked at once, however many actions a line holds.
  let lineStart = 0;
  let nextNl = text.indexOf('\n');
  for (const a of actions) {
    while (nextNl >= 0 && nextNl < a.start) { lineStart = nextNl + 1; nextNl = text.indexOf('\n', lineStart); }
    const nl = nextNl >= 0 && nextNl < a.end ? text.indexOf('\n', a.end) : nextNl; // an action over several lines ends on a later one
    const action = text.slice(a.start, a.end);
    const inLine = hasWordIn(words, lineStart, nl < 0 ? text.length : nl);
    parts.push(
      text.slice(from, a.start),
      inLine && !action.includes('\n') && !SILENT.test(action) ? '\u00b7'.repeat(action.length) : action.replace(/[^\n]/g, ' '),
    );
    from = a.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The runs of non-blank text outside the actions, in order: what makes an action's line more than actions and blanks. */
function wordsOutside(text: string, actions: readonly Span[]): Span[] {
  const out: Span[] = [];
  const gap = (start: number, end: number) => {
    const re = /\S+/g;
    const slice = text.slice(start, end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: start + m.index, end: start + m.index + m[0].length });
  };
  let at = 0;
  for (const a of actions) { gap(at, a.start); at = a.end; }
  gap(at, text.length);
  return out;
}

/** Whether a run of `words` (sorted, disjoint) has a character in [start, end): a binary search, so many actions on one line stay linear. */
function hasWordIn(words: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (words[mid].end > start) hi = mid; else lo = mid + 1; }
  return lo < words.length && Math.max(words[lo].start, start) < end;
}

function parseDocs(source: string): Document.Parsed[] {
  // Most configuration files are plain block YAML: read by the fast path (the same tree), else by the library.
  const fast = parseBlockYaml(source);
  if (fast) return [fast];
  // Duplicate keys are found by toJson (with a Set: the library's own check is quadratic per map).
  const docs = parseAllDocuments(source, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  return Array.isArray(docs) ? docs : [];
}

/** Bounds on the JSON view of a document: alias bombs and deep nesting stop here, not in V8. */
export const MAX_JSON_NODES = 1_000_000;
export const MAX_JSON_DEPTH = 1000;

/**
 * The document as plain JSON, in one walk that also finds duplicate keys. Replaces the library's
 * toJS, which stringifies collection keys (exponential on nested flow mappings used as keys) and
 * checks key uniqueness pairwise. Alias expansion and depth are bounded.
 */
export function toJson(
  doc: Document.Parsed, text: string, template?: Masked,
): { json: unknown; duplicates: { span: Span; key: string }[]; limit?: { span: Span; message: string }; templated: boolean } {
  const duplicates: { span: Span; key: string }[] = [];
  let templated = false;
  /** A scalar written with an action: its text in the template (masked, `text` no longer shows it). */
  const writtenWithAction = (n: Node): string | undefined => {
    const r = n.range;
    if (!template || !r || !overlapsAction(template.actions, r[0], r[1])) return undefined;
    const w = template.text.slice(r[0], r[1]);
    return /^(['"])[\s\S]*\1$/.test(w) ? w.slice(1, -1) : w;
  };
  let nodes = 0;
  let limit: { span: Span; message: string } | undefined;
  const expanding = new Set<Node>();
  const resolved = new Map<Alias, Node | undefined>();
  let anchors: Map<string, { offset: number; node: Node }[]> | undefined;
  const anchorBefore = (name: string, offset: number): Node | undefined => {
    anchors ??= collectAnchors(doc.contents as Node | null);
    const list = anchors.get(name);
    if (!list) return undefined;
    let lo = 0, hi = list.length - 1, found: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].offset < offset) { found = list[mid].node; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
  /** The top-level key being converted: where a limit is reported (an alias deep inside is no help). */
  let topKey: Node | null | undefined;
  const stop = (n: Node | null | undefined, message: string): undefined => {
    limit ??= { span: spanOf(topKey) ?? spanOf(n) ?? { start: doc.range[0], end: doc.range[0] + 1 }, message };
    return undefined;
  };
  const keyText = (k: unknown): string => {
    if (k === null || k === undefined) return '';
    if (isScalar(k)) return writtenWithAction(k as Node) ?? String((k as Scalar).value ?? '');
    const r = (k as Node).range;
    // A collection used as a key: its source text, bounded (never a recursive stringify).
    return r ? text.slice(r[0], Math.min(r[1], r[0] + 200)) : '';
  };
  const convert = (n: Node | null | undefined, depth: number, alias: boolean): unknown => {
    if (limit) return undefined;
    if (++nodes > MAX_JSON_NODES) return stop(n, `the document expands to more than ${MAX_JSON_NODES} values (aliases?); it is not validated`);
    if (depth > MAX_JSON_DEPTH) return stop(n, `the document is nested deeper than ${MAX_JSON_DEPTH} levels; it is not validated`);
    if (n === null || n === undefined) return null;
    if (isScalar(n)) {
      const v = (n as Scalar).value ?? null;
      const written = writtenWithAction(n) ?? (typeof v === 'string' && holdsTemplateAction(v) ? v : undefined);
      if (written === undefined) return v;
      templated = true;
      return new TemplateValue(written);
    }
    if (isAlias(n)) {
      // Alias.resolve searches the whole document for each alias (quadratic with many aliases):
      // one pass collects the anchors, and each alias finds the last one of its name before it.
      let target = resolved.get(n as Alias);
      if (target === undefined && !resolved.has(n as Alias)) {
        resolved.set(n as Alias, (target = anchorBefore((n as Alias).source, (n as Alias).range?.[0] ?? 0)));
      }
      if (!target) return null;
      if (expanding.has(target)) return stop(n, 'an alias refers to a node that contains it; the document is not validated');
      expanding.add(target);
      const v = convert(target, depth + 1, true);
      expanding.delete(target);
      return v;
    }
    if (isSeq(n)) {
      const out: unknown[] = [];
      for (const it of n.items) out.push(convert(it as Node, depth + 1, alias));
      return out;
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const p of (n as YAMLMap).items) {
        const k = keyText(p.key);
        if (seen.has(k)) {
          if (!alias) duplicates.push({ span: spanOf(p.key as Node) ?? spanOf(n)!, key: k });
        } else seen.add(k);
        if (depth === 0) topKey = p.key as Node | null;
        const v = convert(p.value as Node | null, depth + 1, alias);
        // Own property even for "__proto__": the JSON must not reach Object.prototype.
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
      return out;
    }
    return null;
  };
  const json = convert(doc.contents as Node | null, 0, false);
  return { json: limit ? undefined : json, duplicates, ...(limit ? { limit } : {}), templated };
}

/** A template as parsed: its text and its actions (the parser read the text with the actions masked). */
interface Masked {
  readonly text: string;
  readonly actions: readonly Span[];
}

/** Whether [start, end) overlaps one of the actions (sorted, disjoint). */
function overlapsAction(actions: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < actions.length && actions[lo].start < end;
}

/** Every anchored node of a document by anchor name, in document order (one pass, no recursion). */
function collectAnchors(root: Node | null): Map<string, { offset: number; node: Node }[]> {
  const out = new Map<string, { offset: number; node: Node }[]>();
  const stack: (Node | null | undefined)[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || isAlias(n)) continue;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) {
      const l = out.get(anchor) ?? [];
      l.push({ offset: n.range?.[0] ?? 0, node: n });
      out.set(anchor, l);
    }
    if (isSeq(n)) for (const it of n.items) stack.push(it as Node);
    else if (isMap(n)) for (const p of (n as YAMLMap).items) { stack.push(p.key as Node, p.value as Node); }
  }
  for (const l of out.values()) l.sort((a, b) => a.offset - b.offset);
  return out;
}

export function parseYaml(text: string, uri: string): YamlParseResult {
  // A file under templates/ is a Go template. Elsewhere, `{{ }}` inside YAML strings (tpl values,
  // comments) is fine: only text that fails to parse and holds actions is treated as a template.
  let template = isTemplatePath(uri);
  let list = template ? [] : parseDocs(text);
  if (!template && text.includes('{{') && list.some((d) => d.errors.length > 0)) template = true;
  const actions = template ? templateActions(text) : [];
  const source = template ? maskTemplateActions(text, actions) : text;
  // Nothing to mask (an action that never closes): the first parse stands.
  if (template && (source !== text || list.length === 0)) list = parseDocs(source);
  const documents = list.map((doc): YamlDocument => {
    const [start, , end] = doc.range;
    const toSpan = (pos: [number, number] | undefined) => ({ start: pos?.[0] ?? start, end: Math.max(pos?.[1] ?? start, (pos?.[0] ?? start) + 1) });
    const converted = toJson(doc, source, template ? { text, actions } : undefined);
    const errors = template ? [] : doc.errors.map((e) => ({ span: toSpan(e.pos), message: syntaxMessage(e.message) }));
    if (!template) for (const d of converted.duplicates) errors.push({ span: d.span, message: 'Map keys must be unique' });
    return {
      doc,
      span: { start, end },
      errors,
      warnings: template ? [] : doc.warnings.map((e) => ({ span: toSpan(e.pos), message: syntaxMessage(e.message) })),
      json: converted.json,
      limits: converted.limit ? [converted.limit] : [],
      ...(converted.templated ? { templated: true } : {}),
    };
  });
  return { documents, template };
}

/** The library's message without the source excerpt it may append (it could quote a secret). */
function syntaxMessage(m: string): string {
  const first = m.split('\n')[0].replace(/:\s*$/, '');
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}

export type PathSegment = string | number;

export interface Located {
  readonly node: Node | null;
  /** The key of the pair holding the node (undefined for the root and sequence items). */
  readonly keySpan?: Span;
  readonly valueSpan?: Span;
}

function spanOf(n: Node | null | undefined): Span | undefined {
  if (!n || !n.range) return undefined;
  return { start: n.range[0], end: n.range[1] };
}

/** Finds the node at a JSON path, with its key's and value's spans. */
export function locate(doc: Document.Parsed, path: readonly PathSegment[]): Located | undefined {
  let node: Node | null = doc.contents as Node | null;
  let keySpan: Span | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find((p) => isPair(p) && keyString(p.key) === String(seg));
      if (!pair) return undefined;
      keySpan = spanOf(pair.key as Node);
      node = (pair.value as Node | null) ?? null;
      if (!node) return { node: null, keySpan, valueSpan: keySpan };
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) return undefined;
      keySpan = undefined;
      node = item;
    } else {
      return undefined;
    }
  }
  return { node, keySpan, valueSpan: spanOf(node) };
}

export function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return String((k as Scalar).value);
  if (typeof k === 'string') return k;
  return undefined;
}

/** The path of map keys and sequence indexes that leads to `offset`, and whether it sits on a key. */
export function pathAt(doc: Document.Parsed, offset: number): { path: PathSegment[]; onKey: boolean; node: Node | null } {
  const path: PathSegment[] = [];
  let node: Node | null = doc.contents as Node | null;
  for (;;) {
    if (isMap(node)) {
      let next: Node | null = null;
      for (const p of (node as YAMLMap).items) {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        if (k?.range && offset >= k.range[0] && offset <= k.range[1]) {
          path.push(keyString(k) ?? '');
          return { path, onKey: true, node: v };
        }
        if (v?.range && offset >= v.range[0] && offset <= v.range[2]) {
          path.push(keyString(k) ?? '');
          next = v;
          break;
        }
      }
      if (!next) return { path, onKey: false, node };
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => { const r = (it as Node | null)?.range; return !!r && offset >= r[0] && offset <= r[2]; });
      if (i < 0) return { path, onKey: false, node };
      path.push(i);
      node = node.items[i] as Node;
    } else {
      return { path, onKey: false, node };
    }
  }
}
