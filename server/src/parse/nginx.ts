/**
 * nginx configuration tokenizer and directive tree, following ngx_conf_read_token: words,
 * quoted strings with escapes, `${var}` inside words, `#` comments at a token's start, blocks,
 * and `*_by_lua_block` bodies (Lua, skipped with its strings and comments). Every node keeps its
 * offsets. A partial file (a sites-enabled snippet without `http {}`) parses like any other.
 */
import type { Span } from '../core/types';
import { quoteToken } from '../util/redact';

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
  const r = new Reader(text);
  const root = parseBlock(r, 0);
  return { directives: root.directives, errors: r.errors, limits: r.limits };
}

interface Block { readonly directives: NginxDirective[]; readonly close?: number }

/**
 * The directives of a block up to its `}` (depth 0: the file, to its end): words gather until a
 * `;` ends a statement, a `{` opens a block, or a `}` closes this one.
 */
function parseBlock(r: Reader, depth: number, openBrace?: number): Block {
  const directives: NginxDirective[] = [];
  let words: Token[] = [];
  for (let t = r.next(); t; t = r.next()) {
    const punctuation = t.quoted ? undefined : t.text;
    if (punctuation !== ';' && punctuation !== '{' && punctuation !== '}') { words.push(t); continue; }
    if (punctuation === '}') {
      closeBrace(r, words, t, depth);
      if (depth > 0) return { directives, close: t.start };
    } else {
      const d = punctuation === ';' ? statement(r, words, t) : openBlock(r, words, t, depth);
      if (d) directives.push(d);
    }
    words = [];
  }
  endOfInput(r, words, depth, openBrace);
  return { directives };
}

/** A `;`: the statement its words make, or an error where there are none. */
function statement(r: Reader, words: readonly Token[], semicolon: Token): NginxDirective | undefined {
  if (words.length === 0) {
    r.error('unexpected-character', { start: semicolon.start, end: semicolon.end }, 'unexpected ";"', semicolon.start);
    return undefined;
  }
  const [name, ...args] = words;
  return {
    name: name.value, nameSpan: { start: name.start, end: name.end }, args: args.map(toArg),
    span: { start: name.start, end: semicolon.end }, terminator: semicolon.start,
  };
}

/**
 * A `{`: the block directive its words name, with its body read (a Lua body, or one nested too
 * deep, skipped and opaque); where no name precedes it, an error. When the input ends inside,
 * the caller's next read finds the end.
 */
function openBlock(r: Reader, words: readonly Token[], brace: Token, depth: number): NginxDirective | undefined {
  if (words.length === 0) { anonymousBlock(r, brace, depth); return undefined; }
  const name = words[0].value;
  if (name.endsWith('_by_lua_block')) {
    r.skipLuaBlock(brace.start);
    return blockDirective(words, r.pos, [], brace, true);
  }
  if (depth + 1 >= MAX_BLOCK_DEPTH) return skippedBlock(r, words, brace);
  const inner = parseBlock(r, depth + 1, brace.start);
  const end = inner.close !== undefined ? inner.close + 1 : r.length;
  return blockDirective(words, end, inner.directives, brace, OPAQUE_BODIES.has(name));
}

/** A block directive of words (its name first), ending at `end`, with its body. */
function blockDirective(words: readonly Token[], end: number, block: NginxDirective[], brace: Token, opaque: boolean): NginxDirective {
  const [name, ...args] = words;
  const nameSpan = { start: name.start, end: name.end };
  const span = { start: name.start, end };
  return opaque
    ? { name: name.value, nameSpan, args: args.map(toArg), span, block, terminator: brace.start, opaque: true }
    : { name: name.value, nameSpan, args: args.map(toArg), span, block, terminator: brace.start };
}

/** A `{` with no directive before it: an error; its body is still read, so that the braces balance. */
function anonymousBlock(r: Reader, brace: Token, depth: number): void {
  r.error('unexpected-character', { start: brace.start, end: brace.end }, 'unexpected "{"', brace.start);
  if (depth + 1 < MAX_BLOCK_DEPTH) parseBlock(r, depth + 1, brace.start);
  else if (r.skipBlock() === undefined) r.unclosed(brace.start);
}

/** A block too deep to be a real configuration: skipped without recursing (no stack overflow), kept as an opaque directive. */
function skippedBlock(r: Reader, words: readonly Token[], brace: Token): NginxDirective {
  const close = r.skipBlock();
  const end = close !== undefined ? close + 1 : r.length;
  if (r.limits.length === 0) {
    r.limits.push({
      span: { start: words[0].start, end: words[0].end }, message: `blocks nested deeper than ${MAX_BLOCK_DEPTH} levels are not read`,
    });
  }
  if (close === undefined) r.unclosed(brace.start);
  return blockDirective(words, end, [], brace, true);
}

/** A `}`: words before it lack their `;` (nginx names the line of the `}`: the range runs to it); at the top level no block is open. */
function closeBrace(r: Reader, words: readonly Token[], brace: Token, depth: number): void {
  if (words.length > 0) {
    r.error(
      'missing-semicolon', { start: words[0].start, end: brace.end },
      `missing ";" at the end of the "${quoteToken(words[0].value)}" directive (nginx: unexpected "}")`, brace.start,
    );
  }
  if (depth === 0) r.error('unbalanced-brace', { start: brace.start, end: brace.end }, 'unexpected "}": no block is open here', brace.start);
}

/** The end of the input: words left lack their `;`, and a block left open is reported. */
function endOfInput(r: Reader, words: readonly Token[], depth: number, openBrace: number | undefined): void {
  if (words.length > 0) {
    r.error(
      'missing-semicolon', { start: words[0].start, end: words[words.length - 1].end },
      `unexpected end of file, expecting ";" or "}" in the "${quoteToken(words[0].value)}" directive`, r.length,
    );
  }
  if (depth > 0 && openBrace !== undefined) r.unclosed(openBrace);
}

const LUA_LONG_COMMENT = /^--\[(=*)\[/;
const LUA_LONG_STRING = /^\[(=*)\[/;

/** The tokens of a text, read on demand as ngx_conf_read_token reads them, and the problems met on the way. */
class Reader {
  pos = 0;
  readonly length: number;
  readonly errors: NginxSyntaxError[] = [];
  readonly limits: { span: Span; message: string }[] = [];

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  error(kind: NginxSyntaxKind, span: Span, message: string, at: number): void {
    this.errors.push({ kind, span, message, at });
  }

  /** The next word or quoted string, or a punctuation `;` `{` `}`; undefined at the end of input. */
  next(): Token | undefined {
    const newline = this.skipBlanks();
    if (this.pos >= this.length) return undefined;
    const t = this.readToken();
    t.lineStart = newline;
    return t;
  }

  /** Skips spaces and `#` comments; whether a line starts among them (the text's start counts). */
  private skipBlanks(): boolean {
    const { text, length } = this;
    let pos = this.pos;
    let newline = pos === 0;
    for (;;) {
      while (pos < length && isSpace(text.charCodeAt(pos))) { if (text[pos] === '\n') newline = true; pos++; }
      if (pos >= length || text[pos] !== '#') break;
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? length : nl + 1;
      newline = true;
    }
    this.pos = pos;
    return newline;
  }

  private readToken(): Token {
    const start = this.pos;
    const c = this.text[start];
    if (c === ';' || c === '{' || c === '}') { this.pos++; return { text: c, value: c, start, end: this.pos, quoted: false }; }
    if (c === '"' || c === "'") return this.readQuoted(c);
    return this.readWord();
  }

  /** A quoted string with its escapes applied; nginx allows only `)` (if conditions), a space, `;`, `{` or `}` right after it. */
  private readQuoted(quote: string): Token {
    const { text, length: n } = this;
    const start = this.pos;
    let pos = start + 1;
    let value = '';
    while (pos < n && text[pos] !== quote) {
      if (text[pos] === '\\' && pos + 1 < n) {
        const e = text[pos + 1];
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === quote || e === '\\' ? e : '\\' + e;
        pos += 2;
        continue;
      }
      value += text[pos++];
    }
    if (pos >= n) {
      this.pos = pos;
      this.error('unterminated-quote', { start, end: Math.min(n, start + 1) }, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, n);
      return { text: text.slice(start), value, start, end: n, quoted: true };
    }
    this.pos = ++pos;
    const after = text[pos];
    if (after !== undefined && !/[\s;{})]/.test(after)) {
      this.error('unexpected-character', { start: pos, end: pos + 1 }, `unexpected "${after}" after a quoted string`, pos);
    }
    return { text: text.slice(start, pos), value, start, end: pos, quoted: true };
  }

  /** A word, up to a space, `;`, `{` or `}`; `${var}` keeps its braces, a backslash escapes one character. */
  private readWord(): Token {
    const { text, length: n } = this;
    const start = this.pos;
    let pos = start;
    let value = '';
    while (pos < n) {
      const ch = text[pos];
      if (isSpace(ch.charCodeAt(0)) || ch === ';' || ch === '}') break;
      if (ch === '{') {
        if (text[pos - 1] !== '$') break;
        const close = text.indexOf('}', pos);
        const end = close < 0 ? n : close + 1;
        value += text.slice(pos, end);
        pos = end;
        continue;
      }
      if (ch === '\\' && pos + 1 < n) { value += text[pos + 1]; pos += 2; continue; }
      value += ch;
      pos++;
    }
    this.pos = pos;
    return { text: text.slice(start, pos), value, start, end: pos, quoted: false };
  }

  /** Skips the tokens of a block whose `{` was just read; the offset of its `}` (undefined at the end of input). */
  skipBlock(): number | undefined {
    let level = 1;
    for (let t = this.next(); t; t = this.next()) {
      if (t.quoted) continue;
      if (t.text === '{') level++;
      else if (t.text === '}' && --level === 0) return t.start;
    }
    return undefined;
  }

  /** Skips a `*_by_lua_block` body (Lua, with its strings and comments) from its `{` at `open` to just past the matching `}`. */
  skipLuaBlock(open: number): void {
    let depth = 0;
    let i = open;
    while (i < this.length) {
      const skipped = this.afterLuaStringOrComment(i);
      if (skipped !== undefined) { i = skipped; continue; }
      const c = this.text[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) { this.pos = i + 1; return; }
      i++;
    }
    this.pos = this.length;
  }

  /** Where a Lua comment, string or long bracket that starts at `i` ends; undefined when none starts there. */
  private afterLuaStringOrComment(i: number): number | undefined {
    const { text, length: n } = this;
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const long = LUA_LONG_COMMENT.exec(text.slice(i, i + 40));
      if (long) return this.afterLongBracket(i + long[0].length, long[1]);
      const nl = text.indexOf('\n', i);
      return nl < 0 ? n : nl + 1;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) { if (text[i] === '\\') i++; i++; }
      return i + 1;
    }
    if (c === '[') {
      const long = LUA_LONG_STRING.exec(text.slice(i, i + 40));
      if (long) return this.afterLongBracket(i + long[0].length, long[1]);
    }
    return undefined;
  }

  /** Just past the `]=…=]` that closes a long bracket of `level` (`=` signs), searched from `from`. */
  private afterLongBracket(from: number, level: string): number {
    const close = this.text.indexOf(`]${level}]`, from);
    return close < 0 ? this.length : close + level.length + 2;
  }

  /** Reported where nginx reports it, at the end of the file, naming the (innermost) block left open. */
  unclosed(openBrace: number): void {
    const { text, length: n } = this;
    if (this.errors.some((e) => e.kind === 'unbalanced-brace' && e.at === n)) return;
    const end = text.trimEnd().length;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < openBrace; i = text.indexOf('\n', i + 1)) line++;
    this.error(
      'unbalanced-brace', { start: Math.max(0, end - 1), end: n },
      `unexpected end of file, expecting "}": the block opened on line ${line} is never closed`, n,
    );
  }
}

function toArg(t: Token): NginxArg {
  return { value: t.value, span: { start: t.start, end: t.end }, quoted: t.quoted, lineStart: t.lineStart === true };
}

/** Depth-first walk with the chain of enclosing block directives. */
export function walk(
  directives: readonly NginxDirective[], visit: (d: NginxDirective, parents: readonly NginxDirective[]) => void,
  parents: NginxDirective[] = [],
): void {
  for (const d of directives) {
    visit(d, parents);
    if (d.block && !d.opaque) walk(d.block, visit, [...parents, d]);
  }
}
