/**
 * nginx configuration tokenizer and directive tree, following ngx_conf_read_token: words,
 * quoted strings with escapes, `${var}` inside words, `#` comments at a token's start, blocks,
 * and `*_by_lua_block` bodies (Lua, skipped with its strings and comments). Every node keeps its
 * offsets. A partial file (a sites-enabled snippet without `http {}`) parses like any other.
 */
import type { Span } from '../core/types';

export interface NginxArg {
  /** The value as nginx sees it: quotes removed, escapes applied. */
  readonly value: string;
  readonly span: Span;
  readonly quoted: boolean;
  /** The first token of its line (a directive name there, inside another's arguments, means a lost `;`). */
  readonly lineStart: boolean;
}

export interface NginxDirective {
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly NginxArg[];
  /** From the name to the `;`, or to the closing `}` of its block. */
  readonly span: Span;
  /** Children, for block directives (server, location, …). */
  readonly block?: readonly NginxDirective[];
  /** The offset of the terminating `;` or `{` (where nginx reports a directive's errors). */
  readonly terminator: number;
  /** Body not in nginx syntax (Lua) or not made of directives (map, types, …): not checked. */
  readonly opaque?: boolean;
}

export type NginxSyntaxKind = 'unbalanced-brace' | 'missing-semicolon' | 'unterminated-quote' | 'unexpected-character';

export interface NginxSyntaxError {
  readonly kind: NginxSyntaxKind;
  readonly span: Span;
  readonly message: string;
  /** Where nginx -t reports it (an offset; the line is what matters). */
  readonly at: number;
}

export interface NginxParseResult {
  readonly directives: readonly NginxDirective[];
  readonly errors: readonly NginxSyntaxError[];
  /** Parts not read because they exceed a bound (blocks nested too deep). */
  readonly limits: readonly { readonly span: Span; readonly message: string }[];
}

/** nginx's token separators (ngx_conf_read_token: space, tab, CR, LF), and the other ASCII spaces. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Blocks nested deeper than this are skipped (nginx configurations rarely go past 6). */
export const MAX_BLOCK_DEPTH = 64;

/** Block directives whose bodies are not directives nginx checks by context (map, types, …). */
const OPAQUE_BODIES = new Set(['map', 'types', 'split_clients', 'geo', 'charset_map', 'match', 'upstream_conf']);

interface Token { text: string; value: string; start: number; end: number; quoted: boolean; lineStart?: boolean }

export function parseNginx(text: string): NginxParseResult {
  const errors: NginxSyntaxError[] = [];
  const limits: { span: Span; message: string }[] = [];
  let pos = 0;
  const n = text.length;

  function skipLuaBlock(open: number): number {
    // open is the offset of `{`; returns the offset just past the matching `}`.
    let depth = 0;
    let i = open;
    while (i < n) {
      const c = text[i];
      if (c === '-' && text[i + 1] === '-') {
        const long = /^--\[(=*)\[/.exec(text.slice(i, i + 40));
        if (long) { const close = text.indexOf(`]${long[1]}]`, i + long[0].length); i = close < 0 ? n : close + long[1].length + 2; continue; }
        const nl = text.indexOf('\n', i); i = nl < 0 ? n : nl + 1; continue;
      }
      if (c === '"' || c === "'") {
        i++;
        while (i < n && text[i] !== c) { if (text[i] === '\\') i++; i++; }
        i++;
        continue;
      }
      if (c === '[') {
        const long = /^\[(=*)\[/.exec(text.slice(i, i + 40));
        if (long) { const close = text.indexOf(`]${long[1]}]`, i + long[0].length); i = close < 0 ? n : close + long[1].length + 2; continue; }
      }
      if (c === '{') depth++;
      else if (c === '}') { depth--; if (depth === 0) return i + 1; }
      i++;
    }
    return n;
  }

  /** Reads the next token, or a punctuation `;` `{` `}`; undefined at end of input. */
  function next(): Token | undefined {
    let newline = pos === 0;
    for (;;) {
      while (pos < n && isSpace(text.charCodeAt(pos))) { if (text[pos] === '\n') newline = true; pos++; }
      if (pos >= n) return undefined;
      if (text[pos] === '#') {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? n : nl + 1;
        newline = true;
        continue;
      }
      break;
    }
    const t = readToken();
    if (t) t.lineStart = newline;
    return t;
  }

  function readToken(): Token | undefined {
    const start = pos;
    const c = text[pos];
    if (c === ';' || c === '{' || c === '}') { pos++; return { text: c, value: c, start, end: pos, quoted: false }; }
    if (c === '"' || c === "'") {
      let value = '';
      pos++;
      while (pos < n && text[pos] !== c) {
        if (text[pos] === '\\' && pos + 1 < n) {
          const e = text[pos + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === c || e === '\\' ? e : '\\' + e;
          pos += 2;
          continue;
        }
        value += text[pos++];
      }
      if (pos >= n) {
        errors.push({ kind: 'unterminated-quote', span: { start, end: Math.min(n, start + 1) }, message: `unterminated ${c === '"' ? 'double' : 'single'}-quoted string`, at: n });
        return { text: text.slice(start), value, start, end: n, quoted: true };
      }
      pos++;
      const after = text[pos];
      // nginx allows `)` right after a quoted string (if conditions); anything else is an error.
      if (after !== undefined && !/[\s;{})]/.test(after)) {
        errors.push({ kind: 'unexpected-character', span: { start: pos, end: pos + 1 }, message: `unexpected "${after}" after a quoted string`, at: pos });
      }
      return { text: text.slice(start, pos), value, start, end: pos, quoted: true };
    }
    let value = '';
    while (pos < n) {
      const ch = text[pos];
      if (isSpace(ch.charCodeAt(0)) || ch === ';' || ch === '}') break;
      if (ch === '{') {
        if (text[pos - 1] === '$') {
          // ${var}: the braces belong to the word.
          const close = text.indexOf('}', pos);
          const end = close < 0 ? n : close + 1;
          value += text.slice(pos, end);
          pos = end;
          continue;
        }
        break;
      }
      if (ch === '\\' && pos + 1 < n) { value += text[pos + 1]; pos += 2; continue; }
      value += ch;
      pos++;
    }
    return { text: text.slice(start, pos), value, start, end: pos, quoted: false };
  }

  /** Reported where nginx reports it, at the end of the file, naming the (innermost) block left open. */
  function unclosed(openBrace: number): void {
    if (errors.some((e) => e.kind === 'unbalanced-brace' && e.at === n)) return;
    const end = text.trimEnd().length;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < openBrace; i = text.indexOf('\n', i + 1)) line++;
    errors.push({ kind: 'unbalanced-brace', span: { start: Math.max(0, end - 1), end: n }, message: `unexpected end of file, expecting "}": the block opened on line ${line} is never closed`, at: n });
  }

  /** Skips the tokens of a block whose `{` was just read; returns the offset of its `}` (undefined at end of input). */
  function skipBlock(): number | undefined {
    let level = 1;
    for (let t = next(); t; t = next()) {
      if (t.quoted) continue;
      if (t.text === '{') level++;
      else if (t.text === '}' && --level === 0) return t.start;
    }
    return undefined;
  }

  function parseBlock(depth: number, openBrace?: number): { directives: NginxDirective[]; close?: number } {
    const out: NginxDirective[] = [];
    let words: Token[] = [];
    for (;;) {
      const t = next();
      if (!t) {
        if (words.length > 0) {
          const last = words[words.length - 1];
          errors.push({ kind: 'missing-semicolon', span: { start: words[0].start, end: last.end }, message: `unexpected end of file, expecting ";" or "}" in the "${quoteToken(words[0].value)}" directive`, at: n });
        }
        if (depth > 0 && openBrace !== undefined) unclosed(openBrace);
        return { directives: out };
      }
      if (!t.quoted && t.text === ';') {
        if (words.length === 0) {
          errors.push({ kind: 'unexpected-character', span: { start: t.start, end: t.end }, message: 'unexpected ";"', at: t.start });
          continue;
        }
        const [name, ...args] = words;
        out.push({ name: name.value, nameSpan: { start: name.start, end: name.end }, args: args.map(toArg), span: { start: name.start, end: t.end }, terminator: t.start });
        words = [];
        continue;
      }
      if (!t.quoted && t.text === '{') {
        if (words.length === 0) {
          errors.push({ kind: 'unexpected-character', span: { start: t.start, end: t.end }, message: 'unexpected "{"', at: t.start });
          if (depth + 1 >= MAX_BLOCK_DEPTH) { if (skipBlock() === undefined) { unclosed(t.start); return { directives: out }; } continue; }
          parseBlock(depth + 1, t.start);
          continue;
        }
        const [name, ...args] = words;
        words = [];
        if (name.value.endsWith('_by_lua_block')) {
          pos = skipLuaBlock(t.start);
          out.push({ name: name.value, nameSpan: { start: name.start, end: name.end }, args: args.map(toArg), span: { start: name.start, end: pos }, block: [], terminator: t.start, opaque: true });
          continue;
        }
        if (depth + 1 >= MAX_BLOCK_DEPTH) {
          // Too deep to be a real configuration: skip the block without recursing (no stack overflow).
          const close = skipBlock();
          const end = close !== undefined ? close + 1 : n;
          if (limits.length === 0) limits.push({ span: { start: name.start, end: name.end }, message: `blocks nested deeper than ${MAX_BLOCK_DEPTH} levels are not read` });
          out.push({ name: name.value, nameSpan: { start: name.start, end: name.end }, args: args.map(toArg), span: { start: name.start, end }, block: [], terminator: t.start, opaque: true });
          if (close === undefined) { unclosed(t.start); return { directives: out }; }
          continue;
        }
        const inner = parseBlock(depth + 1, t.start);
        const end = inner.close !== undefined ? inner.close + 1 : n;
        out.push({
          name: name.value, nameSpan: { start: name.start, end: name.end }, args: args.map(toArg), span: { start: name.start, end }, block: inner.directives, terminator: t.start,
          ...(OPAQUE_BODIES.has(name.value) ? { opaque: true } : {}),
        });
        continue;
      }
      if (!t.quoted && t.text === '}') {
        if (words.length > 0) {
          const last = words[words.length - 1];
          // nginx names the line of the `}`: the range runs from the directive to it.
          errors.push({ kind: 'missing-semicolon', span: { start: words[0].start, end: t.end }, message: `missing ";" at the end of the "${quoteToken(words[0].value)}" directive (nginx: unexpected "}")`, at: t.start });
          void last;
          words = [];
        }
        if (depth === 0) {
          errors.push({ kind: 'unbalanced-brace', span: { start: t.start, end: t.end }, message: 'unexpected "}": no block is open here', at: t.start });
          continue;
        }
        return { directives: out, close: t.start };
      }
      words.push(t);
    }
  }

  const root = parseBlock(0);
  return { directives: root.directives, errors, limits };
}

/**
 * A token as messages may quote it: one word, at most 40 characters, no line breaks. A message
 * never quotes a whole statement (it may hold a secret: a password in a proxy header, a key).
 */
export function quoteToken(value: string): string {
  const one = value.replace(/[\r\n\t]+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}…` : one;
}

function toArg(t: Token): NginxArg {
  return { value: t.value, span: { start: t.start, end: t.end }, quoted: t.quoted, lineStart: t.lineStart === true };
}

/** Depth-first walk with the chain of enclosing block directives. */
export function walk(directives: readonly NginxDirective[], visit: (d: NginxDirective, parents: readonly NginxDirective[]) => void, parents: NginxDirective[] = []): void {
  for (const d of directives) {
    visit(d, parents);
    if (d.block && !d.opaque) walk(d.block, visit, [...parents, d]);
  }
}
