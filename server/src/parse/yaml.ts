/**
 * YAML with ranges (eemeli/yaml). Multi-document files are split into documents, each with its own
 * range. Helm templates are not YAML: their `{{ … }}` actions are masked with spaces (offsets stay
 * put) and their syntax errors are never reported.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import type { Span } from '../model/types';
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
}

export interface YamlParseResult {
  readonly documents: readonly YamlDocument[];
  /** True when the text holds Helm/Go template actions (then syntax errors are not reported). */
  readonly template: boolean;
}

export function isTemplatePath(uri: string): boolean {
  return /[\\/]templates[\\/]/.test(uri) || /\.(tpl|gotmpl)$/.test(uri);
}

/**
 * Replaces template actions `{{ … }}` by spaces of the same length (newlines kept). One pass with
 * indexOf: an action that never closes ends the masking (a regex would rescan the rest of the text
 * from every `{{`, quadratic on unclosed actions).
 */
export function maskTemplateActions(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    parts.push(text.slice(from, open), text.slice(open, close + 2).replace(/[^\n]/g, ' '));
    from = close + 2;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
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
export function toJson(doc: Document.Parsed, text: string): { json: unknown; duplicates: { span: Span; key: string }[]; limit?: { span: Span; message: string } } {
  const duplicates: { span: Span; key: string }[] = [];
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
    if (isScalar(k)) return String((k as Scalar).value ?? '');
    const r = (k as Node).range;
    // A collection used as a key: its source text, bounded (never a recursive stringify).
    return r ? text.slice(r[0], Math.min(r[1], r[0] + 200)) : '';
  };
  const convert = (n: Node | null | undefined, depth: number, alias: boolean): unknown => {
    if (limit) return undefined;
    if (++nodes > MAX_JSON_NODES) return stop(n, `the document expands to more than ${MAX_JSON_NODES} values (aliases?); it is not validated`);
    if (depth > MAX_JSON_DEPTH) return stop(n, `the document is nested deeper than ${MAX_JSON_DEPTH} levels; it is not validated`);
    if (n === null || n === undefined) return null;
    if (isScalar(n)) return (n as Scalar).value ?? null;
    if (isAlias(n)) {
      // Alias.resolve searches the whole document for each alias (quadratic with many aliases):
      // one pass collects the anchors, and each alias finds the last one of its name before it.
      let target = resolved.get(n as Alias);
      if (target === undefined && !resolved.has(n as Alias)) resolved.set(n as Alias, (target = anchorBefore((n as Alias).source, (n as Alias).range?.[0] ?? 0)));
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
  return { json: limit ? undefined : json, duplicates, ...(limit ? { limit } : {}) };
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
  const source = template ? maskTemplateActions(text) : text;
  // Nothing to mask (an action that never closes): the first parse stands.
  if (template && (source !== text || list.length === 0)) list = parseDocs(source);
  const documents = list.map((doc): YamlDocument => {
    const [start, , end] = doc.range;
    const toSpan = (pos: [number, number] | undefined) => ({ start: pos?.[0] ?? start, end: Math.max(pos?.[1] ?? start, (pos?.[0] ?? start) + 1) });
    const converted = toJson(doc, source);
    const errors = template ? [] : doc.errors.map((e) => ({ span: toSpan(e.pos), message: syntaxMessage(e.message) }));
    if (!template) for (const d of converted.duplicates) errors.push({ span: d.span, message: 'Map keys must be unique' });
    return {
      doc,
      span: { start, end },
      errors,
      warnings: template ? [] : doc.warnings.map((e) => ({ span: toSpan(e.pos), message: syntaxMessage(e.message) })),
      json: converted.json,
      limits: converted.limit ? [converted.limit] : [],
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
