/**
 * What a half-typed line is typing, for completion: a YAML key or a key's value, an nginx directive
 * or a directive's value. Read from the document's text alone (YAML's parent keys by indentation):
 * the document may not parse with that line in it. Columns count the text's own (UTF-16) characters.
 */
import type { PathSegment } from '../parse/yaml';
import { pathFromIndentation, siblingKeys } from '../parse/yamlIndent';

/** What these read of a document model (DocumentModel is one). */
interface Text {
  readonly text: string;
}

/** What is being typed at a line and column of a YAML text. */
export type YamlTyping =
  /** A key's value: `path` ends with the key. */
  | { readonly kind: 'value'; readonly path: readonly PathSegment[] }
  /** A key under `parent`, starting at `column`; `siblings` are the keys already beside it. */
  | { readonly kind: 'key'; readonly parent: readonly PathSegment[]; readonly column: number; readonly siblings: ReadonlySet<string> };

const VALUE_TYPED = /^(\s*)(- +)?([^\s#:'"][^:#]*?)\s*:\s+(\S*)$/;
const KEY_TYPED = /^(\s*)(- +)?([\w.-]*)$/;

/** What the text before a column of a YAML line types; undefined where neither a key nor a key's value is typed. */
export function yamlTypingAt(model: Text, line: number, column: number): YamlTyping | undefined {
  const lines = model.text.split('\n');
  const before = (lines[line] ?? '').replace(/\r$/, '').slice(0, column);
  const value = VALUE_TYPED.exec(before);
  if (value) return { kind: 'value', path: [...parentOf(lines, line, value), value[3]] };
  const key = KEY_TYPED.exec(before);
  if (!key) return undefined;
  const col = key[1].length + (key[2]?.length ?? 0);
  return { kind: 'key', parent: parentOf(lines, line, key), column: col, siblings: siblingKeys(lines, line, col) };
}

/** The mapping path above what a line types (a `- ` item adds its index, 0). */
function parentOf(lines: readonly string[], line: number, m: RegExpExecArray): PathSegment[] {
  const parent = pathFromIndentation(lines, line, m[1].length + (m[2]?.length ?? 0));
  if (m[2]) parent.push(0);
  return parent;
}

/** What is being typed at a line and column of an nginx text. */
export type NginxTyping =
  /** A directive's arguments. */
  | { readonly kind: 'value'; readonly directive: string }
  /** A directive's name (or nothing yet). */
  | { readonly kind: 'directive' };

const ARGUMENTS_TYPED = /^\s*([a-z_0-9]+)\s+([^;]*)$/;
const DIRECTIVE_TYPED = /^\s*[a-z_0-9]*$/;

/** What the text before a column of an nginx line types; undefined elsewhere (after a `;`, in a quoted string, …). */
export function nginxTypingAt(model: Text, line: number, column: number): NginxTyping | undefined {
  const before = (model.text.split('\n')[line] ?? '').slice(0, column);
  const value = ARGUMENTS_TYPED.exec(before);
  if (value) return { kind: 'value', directive: value[1] };
  return DIRECTIVE_TYPED.test(before) ? { kind: 'directive' } : undefined;
}
