/**
 * A fast path for the YAML most configuration files are: one document of block mappings and
 * sequences, plain and single-line quoted scalars, literal block scalars (`|`, `|-`) and comments.
 * It builds the same tree as eemeli/yaml (its node classes, values resolved by its core schema's
 * tags, the same three-offset ranges), so everything downstream reads either. Anything outside
 * that subset — flow collections, anchors and aliases, tags, folded or indented-indicator block
 * scalars, multi-line plain or double-quoted scalars with escapes, several documents, directives,
 * tabs, CR line ends, a comment whose place in the tree is subtle — returns undefined and the
 * library parses the text (parse/yaml.ts). The library is the oracle: test/unit/yamlBlock.test.ts
 * checks the trees are identical on every YAML file of the fixtures, examples and ../shared.
 *
 * Why: on a 7,000-line values file the library's lexer, CST parser and composer take ≈220 ms in a
 * cold worker (≈140 ms warm); this reads the same file in a fraction of that, and the first
 * diagnostics of an opened file wait on it.
 */
import { Document, isScalar, Pair, Scalar, ScalarTag, Schema, YAMLMap, YAMLSeq } from 'yaml';

type Node = Scalar | YAMLMap | YAMLSeq;
type Range = [number, number, number];

/** One line with content (not blank, not a comment). */
interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  readonly indent: number;
  /** Offset of the content's first character. */
  readonly content: number;
  /** Offset of the line end (the newline, or the text's end). */
  readonly end: number;
  /** Offset after the newline (the next line's start). */
  readonly next: number;
  /** Index of the line in the text (for block scalars). */
  readonly row: number;
}

class Bail extends Error {}
const bail = (): never => { throw new Bail(); };

let schema: Schema | undefined;
const SCALAR_TAGS = (): ScalarTag[] => (schema ??= new Schema({})).tags.filter((t): t is ScalarTag => t.default === true && !!(t as ScalarTag).test);

/** The document, or undefined when the text is outside the subset (the library parses it then). */
export function parseBlockYaml(text: string): Document.Parsed | undefined {
  if (text.length === 0 || /[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new BlockParser(text).document();
  } catch (e) {
    // Outside the subset, or nested deeper than the stack: the library (and its bounds) decide.
    if (e instanceof Bail || e instanceof RangeError) return undefined;
    throw e;
  }
}

class BlockParser {
  private readonly lines: Line[] = [];
  /** Per row: blank (spaces only), comment, or content (index into lines). */
  private readonly rows: { start: number; end: number; kind: 'blank' | 'comment' | 'content'; indent: number }[] = [];
  private i = 0;
  private readonly tags = SCALAR_TAGS();

  constructor(private readonly text: string) {
    let start = 0;
    for (let row = 0; start <= text.length; row++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      const next = nl < 0 ? text.length + 1 : nl + 1;
      let c = start;
      while (c < end && text.charCodeAt(c) === 32) c++;
      const indent = c - start;
      if (c === end) this.rows.push({ start, end, kind: 'blank', indent });
      else if (text.charCodeAt(c) === 35 /* # */) this.rows.push({ start, end, kind: 'comment', indent });
      else {
        // Directives, document markers, several documents: the library's business.
        if (indent === 0 && (text.startsWith('---', c) || text.startsWith('...', c) || text.charCodeAt(c) === 37 /* % */)) bail();
        this.rows.push({ start, end, kind: 'content', indent });
        this.lines.push({ start, indent, content: c, end, next: Math.min(next, text.length), row });
      }
      if (nl < 0) break;
      start = next;
    }
    if (this.lines.length === 0 || this.lines[0].indent !== 0) bail();
    this.checkComments();
  }

  /**
   * A comment line whose indentation is that of the next content line belongs to what follows and
   * moves no range; a trailing comment at column 0 ends the document. Any other place (a comment
   * indented deeper or shallower than what follows, or right after an empty value) extends the
   * ranges before it in ways the subset does not reproduce.
   */
  private checkComments(): void {
    let nextIndent = -1; // indentation of the next content line below; -1: none (end of text)
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row.kind === 'content') nextIndent = row.indent;
      else if (row.kind === 'comment' && row.indent !== Math.max(nextIndent, 0)) bail();
    }
  }

  document(): Document.Parsed {
    const contents = this.node(0);
    if (this.i < this.lines.length) bail(); // a line left over: dedented below the root, or stray
    const doc = new Document() as unknown as Document.Parsed;
    doc.contents = contents as Document.Parsed['contents'];
    doc.range = [contents.range![0], contents.range![2], this.text.length];
    return doc;
  }

  /** The block node starting at the current line, whose indentation is `indent`. */
  private node(indent: number): YAMLMap | YAMLSeq {
    const line = this.lines[this.i];
    if (line.indent !== indent) bail();
    return this.isDash(line.content, line.end) ? this.seq(indent) : this.map(indent, line.content);
  }

  private isDash(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === 45 /* - */ && (at + 1 === end || this.text.charCodeAt(at + 1) === 32);
  }

  private seq(indent: number): YAMLSeq {
    const seq = new YAMLSeq(schema);
    const first = this.lines[this.i];
    let last: Range | undefined;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !this.isDash(line.content, line.end)) break;
      let at = line.content + 1;
      while (at < line.end && this.text.charCodeAt(at) === 32) at++;
      if (at === line.end || this.text.charCodeAt(at) === 35) bail(); // `-` alone, or a comment after it
      if (this.isDash(at, line.end)) bail(); // `- - x`
      let item: Node;
      if (this.keyEnd(at, line.end) !== undefined) item = this.map(at - line.start, at);
      else {
        item = this.scalarValue(at, line);
        this.i++;
        this.noDeeperLine(indent);
      }
      seq.items.push(item);
      last = item.range!;
    }
    // A sequence at its key's own indentation, ended by the next key: a comment between them
    // belongs to the sequence in the library's tree (its range takes it in). Not in the subset.
    const next = this.lines[this.i];
    if (next && next.indent === indent) for (let r = next.row - 1; r >= 0 && this.rows[r].kind !== 'content'; r--) if (this.rows[r].kind === 'comment') bail();
    seq.range = [first.content, last![2], last![2]];
    return seq;
  }

  /**
   * A block mapping whose keys sit at column `indent`; its first key starts at `at` (after a
   * sequence's dash, or the line's content).
   */
  private map(indent: number, at: number): YAMLMap {
    const map = new YAMLMap(schema);
    const first = at;
    let last: Range | undefined;
    for (;;) {
      const line = this.lines[this.i];
      const colon = this.keyEnd(at, line.end);
      if (colon === undefined) bail();
      const key = this.key(at, colon!);
      let v = colon! + 1;
      while (v < line.end && this.text.charCodeAt(v) === 32) v++;
      let value: Node;
      if (v === line.end || this.text.charCodeAt(v) === 35 /* # */) {
        value = this.emptyOrNested(indent, colon!, v, line);
      } else if (this.text.charCodeAt(v) === 124 /* | */) {
        value = this.literal(v, line, indent);
      } else {
        value = this.scalarValue(v, line);
        this.i++;
        this.noDeeperLine(indent);
      }
      map.items.push(new Pair(key, value));
      last = value.range!;
      const nextLine = this.lines[this.i];
      if (!nextLine || nextLine.indent !== indent || this.isDash(nextLine.content, nextLine.end)) break;
      at = nextLine.content;
    }
    map.range = [first, last![2], last![2]];
    return map;
  }

  /** The value of `key:` with nothing after it on the line: a nested block, or null. */
  private emptyOrNested(indent: number, colon: number, v: number, line: Line): Node {
    // `key: # comment` and trailing spaces: where the library's ranges end there is subtle.
    if (v !== colon + 1 || v < line.end) bail();
    this.i++;
    const next = this.lines[this.i];
    if (next && (next.indent > indent || (next.indent === indent && this.isDash(next.content, next.end)))) return this.node(next.indent);
    // null; a comment line below an empty value stretches its range: not in the subset.
    this.noCommentBelow(line.row + 1);
    // An empty value last in the text: the document's range around what follows is subtle.
    if (!next && v < this.text.length) bail();
    const s = new Scalar(null);
    s.range = [v, v, v];
    s.source = '';
    s.type = 'PLAIN';
    return s;
  }

  /** No comment row from row `r` to the next content row. */
  private noCommentBelow(r: number): void {
    for (; r < this.rows.length && this.rows[r].kind !== 'content'; r++) if (this.rows[r].kind === 'comment') bail();
  }

  /** No line may follow a scalar deeper than its key (a multi-line scalar, or an error). */
  private noDeeperLine(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) bail();
  }

  /** Offset of the `:` ending a key that starts at `at` on this line, if the line holds a pair. */
  private keyEnd(at: number, end: number): number | undefined {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const close = this.quoteEnd(at, end);
      return close !== undefined && t.charCodeAt(close) === 58 /* : */ && (close + 1 === end || t.charCodeAt(close + 1) === 32) ? close : undefined;
    }
    for (let p = at; p < end; p++) {
      const ch = t.charCodeAt(p);
      if (ch === 58 /* : */ && (p + 1 === end || t.charCodeAt(p + 1) === 32)) return p;
      if (ch === 35 /* # */ && p > at && t.charCodeAt(p - 1) === 32) return undefined;
    }
    return undefined;
  }

  /** Offset after the closing quote of a single-line quoted scalar starting at `at`. */
  private quoteEnd(at: number, end: number): number | undefined {
    const t = this.text;
    const q = t.charCodeAt(at);
    for (let p = at + 1; p < end; p++) {
      const ch = t.charCodeAt(p);
      if (q === 34 && ch === 92 /* \ */) return undefined; // escapes: the library's business
      if (ch === q) {
        if (q === 39 && t.charCodeAt(p + 1) === 39) { p++; continue; } // '' inside '…'
        return p + 1;
      }
    }
    return undefined; // continues on the next line
  }

  private key(at: number, colon: number): Scalar {
    const t = this.text;
    const c = t.charCodeAt(at);
    let s: Scalar;
    if (c === 39 || c === 34) {
      s = this.quoted(at, colon);
    } else {
      if (t.charCodeAt(colon - 1) === 32) bail(); // `key :`
      const raw = t.slice(at, colon);
      if (!plainStart(raw)) bail();
      s = this.plain(raw);
    }
    s.range = [at, colon, colon];
    return s;
  }

  /** A scalar on one line from `at`, up to a comment; its range's end takes in the line's end. */
  private scalarValue(at: number, line: Line): Scalar {
    const t = this.text;
    const c = t.charCodeAt(at);
    let s: Scalar;
    let valueEnd: number;
    if (c === 39 || c === 34) {
      const close = this.quoteEnd(at, line.end);
      if (close === undefined) bail();
      valueEnd = close!;
      s = this.quoted(at, valueEnd);
      let p = valueEnd;
      while (p < line.end && t.charCodeAt(p) === 32) p++;
      if (p < line.end && (t.charCodeAt(p) !== 35 || p === valueEnd)) bail(); // text after the quote
    } else {
      valueEnd = line.end;
      for (let p = at; p < line.end; p++) if (t.charCodeAt(p) === 35 && t.charCodeAt(p - 1) === 32) { valueEnd = p; break; }
      while (t.charCodeAt(valueEnd - 1) === 32) valueEnd--;
      const raw = t.slice(at, valueEnd);
      if (!plainStart(raw) || raw.includes(': ') || raw.endsWith(':')) bail();
      s = this.plain(raw);
    }
    s.range = [at, valueEnd, line.next];
    return s;
  }

  private plain(raw: string): Scalar {
    for (const tag of this.tags) {
      if (tag.test!.test(raw)) {
        const res = tag.resolve(raw, () => bail(), {});
        const s = isScalar(res) ? (res as Scalar) : new Scalar(res);
        s.source = raw;
        s.type = 'PLAIN';
        if (tag.format) s.format = tag.format;
        return s;
      }
    }
    const s = new Scalar(raw);
    s.source = raw;
    s.type = 'PLAIN';
    return s;
  }

  /** A quoted scalar from `at` to `end` (after the closing quote), on one line. */
  private quoted(at: number, end: number): Scalar {
    const double = this.text.charCodeAt(at) === 34;
    const inner = this.text.slice(at + 1, end - 1);
    const value = double ? inner : inner.replace(/''/g, "'");
    const s = new Scalar(value);
    s.source = value;
    s.type = double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return s;
  }

  /** `|` or `|-` then lines indented deeper than the key: a literal block scalar. */
  private literal(at: number, line: Line, indent: number): Scalar {
    const t = this.text;
    const header = t.slice(at, line.end);
    if (header !== '|' && header !== '|-') bail();
    const strip = header === '|-';
    // Its lines: from the next row, while blank or indented at least as the first content row.
    let r = line.row + 1;
    if (r >= this.rows.length || this.rows[r].kind === 'blank') bail(); // leading blank lines
    const m = this.rows[r].indent;
    if (m <= indent) bail(); // empty block scalar
    const parts: string[] = [];
    let lastContentRow = r;
    for (; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (row.kind === 'blank') {
        if (row.end - row.start > m) bail(); // spaces beyond the indentation in an empty line
        parts.push('');
        continue;
      }
      if (row.indent < m) break;
      parts.push(t.slice(row.start + m, row.end));
      lastContentRow = r;
    }
    const kept = parts.slice(0, lastContentRow - line.row);
    const value = kept.join('\n') + (strip ? '' : '\n');
    const lastRow = this.rows[lastContentRow];
    const end = Math.min(lastRow.end + 1, t.length);
    // Skip the content lines this block took (they were read as rows; some may be "content" lines).
    while (this.i < this.lines.length && this.lines[this.i].row <= lastContentRow) this.i++;
    this.noCommentBelow(r);
    const next = this.lines[this.i];
    if (next && next.indent > indent) bail();
    const s = new Scalar(value);
    s.source = value;
    s.type = 'BLOCK_LITERAL';
    s.range = [at, end, end];
    return s;
  }
}

/** Whether text may be a plain scalar in block context (first character rules, YAML 1.2 §7.3.3). */
function plainStart(raw: string): boolean {
  if (raw.length === 0) return false;
  const c = raw[0];
  if ('-?:'.includes(c)) return raw.length > 1 && raw[1] !== ' ';
  return !'[]{},#&*!|>\'"%@`'.includes(c);
}
