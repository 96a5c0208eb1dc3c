/**
 * Edits a quick fix makes in YAML: a value replaced (quoted the way the original was), a key
 * added under a mapping (at its children's indentation), or a nested block added under the
 * nearest mapping that exists. Each takes the document model (for its text) and one of its YAML
 * documents, so a rule asks for an edit without reading the text. Offsets only; the feature
 * layer turns them into ranges.
 */
import { isMap, isScalar, Document, Node, YAMLMap } from 'yaml';
import type { TextEdit } from '../core/fixes';
import { locate, PathSegment } from '../parse/yaml';

export type { TextEdit };

/** What these read of a document model (DocumentModel is one). */
interface Text {
  readonly text: string;
}

/** What these read of one of its YAML documents (YamlDocModel and a product's document are ones). */
interface Parsed {
  readonly doc: Document.Parsed;
}

/** A scalar as YAML should hold it, in the quoting style of the text it replaces. */
export function yamlScalar(value: string | number | boolean, original = ''): string {
  if (typeof value !== 'string') return String(value);
  if (original.startsWith('"')) return JSON.stringify(value);
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  const plain = /^[\w./:@-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[\d.+-].*)$/i.test(value) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Replaces the value at a path. */
export function replaceValue(model: Text, d: Parsed, path: readonly PathSegment[], value: string | number | boolean): TextEdit | undefined {
  const span = locate(d.doc, path)?.valueSpan;
  if (!span) return undefined;
  return { span, newText: yamlScalar(value, model.text.slice(span.start, span.end)) };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * Adds `path = value` to the document: under the deepest mapping of the path that exists, the
 * missing keys as a nested block. Undefined when that mapping is a flow mapping or empty.
 */
export function insertValue(model: Text, d: Parsed, path: readonly PathSegment[], value: string): TextEdit | undefined {
  const { text } = model;
  const { doc } = d;
  // The deepest existing ancestor that is a block mapping with at least one pair.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parentPath = path.slice(0, depth);
    const node = (depth === 0 ? doc.contents : locate(doc, parentPath)?.node) as Node | null | undefined;
    if (!node) continue;
    if (!isMap(node) || (node as YAMLMap).flow || (node as YAMLMap).items.length === 0) return undefined;
    if (path.slice(depth).some((s) => typeof s === 'number')) return undefined;
    const items = (node as YAMLMap).items;
    const firstKey = items[0].key as Node | null;
    const last = items[items.length - 1];
    const lastEnd = ((last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1]);
    if (!firstKey?.range || lastEnd === undefined) return undefined;
    const indent = firstKey.range[0] - lineStart(text, firstKey.range[0]);
    // After the last pair's value: the end of the line where it ends (a block scalar ends past its newline).
    const at = lastEnd > 0 && text[lastEnd - 1] === '\n' ? lastEnd - 1 : lineEnd(text, lastEnd);
    const step = 2;
    const missing = path.slice(depth) as string[];
    const lines = missing.map((k, i) => `${' '.repeat(indent + i * step)}${k}:${i === missing.length - 1 ? ` ${value}` : ''}`);
    return { span: { start: at, end: at }, newText: `\n${lines.join('\n')}` };
  }
  return undefined;
}

/** Whether the value at a path is a plain scalar a fix may replace. */
export function isScalarAt(d: Parsed, path: readonly PathSegment[]): boolean {
  const n = locate(d.doc, path)?.node;
  return !!n && isScalar(n);
}

/**
 * Replaces the value at a path with a multi-line text as a literal block (`|`), indented under
 * its key. A block scalar's span ends past its last newline; the edit keeps that newline.
 */
export function replaceWithBlock(model: Text, d: Parsed, path: readonly PathSegment[], value: string): TextEdit | undefined {
  const { text } = model;
  const loc = locate(d.doc, path);
  if (!loc?.valueSpan || !loc.keySpan) return undefined;
  const indent = loc.keySpan.start - lineStart(text, loc.keySpan.start) + 2;
  let end = loc.valueSpan.end;
  if (end > loc.valueSpan.start && text[end - 1] === '\n') end--;
  const body = value.replace(/\n$/, '').split('\n').map((l) => ' '.repeat(indent) + l).join('\n');
  return { span: { start: loc.valueSpan.start, end }, newText: `|\n${body}` };
}
