/**
 * YAML with ranges (eemeli/yaml). Multi-document files are split into documents, each with its own
 * range. Helm templates are not YAML: their `{{ … }}` actions are masked with spaces (offsets stay
 * put) and their syntax errors are never reported.
 */
import { Document, isMap, isPair, isScalar, isSeq, Node, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import type { Span } from './pem';

export interface YamlDocument {
  readonly doc: Document.Parsed;
  /** The document's own text span (between `---` separators). */
  readonly span: Span;
  readonly errors: readonly { span: Span; message: string }[];
  readonly warnings: readonly { span: Span; message: string }[];
}

export interface YamlParseResult {
  readonly documents: readonly YamlDocument[];
  /** True when the text holds Helm/Go template actions (then syntax errors are not reported). */
  readonly template: boolean;
}

const ACTION = /\{\{-?[\s\S]*?-?\}\}/g;

export function isTemplatePath(uri: string): boolean {
  return /[\\/]templates[\\/]/.test(uri) || /\.(tpl|gotmpl)$/.test(uri);
}

/** Replaces template actions by spaces of the same length (newlines kept). */
export function maskTemplateActions(text: string): string {
  return text.replace(ACTION, (m) => m.replace(/[^\n]/g, ' '));
}

function parseDocs(source: string): Document.Parsed[] {
  const docs = parseAllDocuments(source, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, strict: false });
  return Array.isArray(docs) ? docs : [];
}

export function parseYaml(text: string, uri: string): YamlParseResult {
  // A file under templates/ is a Go template. Elsewhere, `{{ }}` inside YAML strings (tpl values,
  // comments) is fine: only text that fails to parse and holds actions is treated as a template.
  let template = isTemplatePath(uri);
  let list = template ? [] : parseDocs(text);
  if (!template && text.includes('{{') && list.some((d) => d.errors.length > 0)) template = true;
  if (template) list = parseDocs(maskTemplateActions(text));
  const documents = list.map((doc): YamlDocument => {
    const [start, , end] = doc.range;
    const toSpan = (pos: [number, number] | undefined) => ({ start: pos?.[0] ?? start, end: Math.max(pos?.[1] ?? start, (pos?.[0] ?? start) + 1) });
    return {
      doc,
      span: { start, end },
      errors: template ? [] : doc.errors.map((e) => ({ span: toSpan(e.pos), message: e.message.split('\n')[0] })),
      warnings: template ? [] : doc.warnings.map((e) => ({ span: toSpan(e.pos), message: e.message.split('\n')[0] })),
    };
  });
  return { documents, template };
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
