/**
 * Regular expressions from the workspace (a chart's values.schema.json `pattern`) run here, never
 * in V8's backtracking engine: `^(a+)+$` on a long string would hang the server. Patterns of the
 * ECMAScript subset JSON Schema uses (classes, groups, alternation, quantifiers, anchors, \b) are
 * compiled to a Pike VM, linear in the input. A pattern outside the subset (lookaround,
 * backreferences) runs natively only when it has no nested or alternating quantifier (the shapes
 * that backtrack exponentially); otherwise it is skipped and the caller says so.
 */

type Pred = (c: number) => boolean;
type Assertion = '^' | '$' | 'b' | 'B';

type Ast =
  | { readonly t: 'char'; readonly pred: Pred }
  | { readonly t: 'seq'; readonly items: readonly Ast[] }
  | { readonly t: 'alt'; readonly alts: readonly Ast[] }
  | { readonly t: 'rep'; readonly node: Ast; readonly min: number; readonly max: number }
  | { readonly t: 'assert'; readonly kind: Assertion };

type Inst =
  | { op: 'char'; pred: Pred }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; kind: Assertion }
  | { op: 'match' };

class Unsupported extends Error {}

const MAX_PROGRAM = 20_000;
const MAX_NESTING = 100;

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const SPACES = new Set([9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const isSpace = (c: number) => SPACES.has(c) || (c >= 0x2000 && c <= 0x200a);
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Recursive-descent parser over the pattern's code points. */
class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly p: readonly number[]) {}

  parse(): Ast {
    const ast = this.alternation();
    if (this.i < this.p.length) throw new Unsupported('unbalanced )');
    return ast;
  }

  private peek(k = 0): number | undefined {
    return this.p[this.i + k];
  }

  private alternation(): Ast {
    const alts = [this.sequence()];
    while (this.peek() === 0x7c /* | */) {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private sequence(): Ast {
    const items: Ast[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c || c === 0x29 /* ) */) break;
      let atom = this.atom();
      atom = this.quantified(atom);
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantified(atom: Ast): Ast {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === 0x2a) { min = 0; max = Infinity; this.i++; }
    else if (c === 0x2b) { min = 1; max = Infinity; this.i++; }
    else if (c === 0x3f) { min = 0; max = 1; this.i++; }
    else if (c === 0x7b /* { */) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...this.p.slice(this.i, this.i + 24)));
      if (!m) return atom; // a literal "{" (allowed without the u flag)
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
    } else return atom;
    if (this.peek() === 0x3f) this.i++; // lazy: the same language for test()
    if (atom.t === 'assert') throw new Unsupported('quantified assertion');
    return { t: 'rep', node: atom, min, max };
  }

  private atom(): Ast {
    const c = this.p[this.i++];
    switch (c) {
      case 0x5e: return { t: 'assert', kind: '^' };
      case 0x24: return { t: 'assert', kind: '$' };
      case 0x2e: return { t: 'char', pred: (x) => !isLineTerminator(x) };
      case 0x28: return this.group();
      case 0x5b: return { t: 'char', pred: this.charClass() };
      case 0x5c: return this.escape(false) as Ast;
      default: return { t: 'char', pred: (x) => x === c };
    }
  }

  private group(): Ast {
    if (++this.depth > MAX_NESTING) throw new Unsupported('groups nested too deep');
    if (this.peek() === 0x3f /* ? */) {
      const k = this.peek(1);
      if (k === 0x3a /* : */) this.i += 2;
      else if (k === 0x3c /* < */ && this.peek(2) !== 0x3d && this.peek(2) !== 0x21) {
        const close = this.p.indexOf(0x3e, this.i);
        if (close < 0) throw new Unsupported('group name');
        this.i = close + 1;
      } else throw new Unsupported('lookaround');
    }
    const inner = this.alternation();
    if (this.p[this.i++] !== 0x29) throw new Unsupported('unclosed group');
    this.depth--;
    return inner;
  }

  /** An escape; in a class, returns a predicate (or a code point for range ends). */
  private escape(inClass: boolean): Ast | Pred | number {
    const c = this.p[this.i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    const ch = String.fromCodePoint(c);
    const pred = (f: Pred): Ast | Pred => (inClass ? f : { t: 'char', pred: f });
    switch (ch) {
      case 'd': return pred(isDigit);
      case 'D': return pred((x) => !isDigit(x));
      case 'w': return pred(isWord);
      case 'W': return pred((x) => !isWord(x));
      case 's': return pred(isSpace);
      case 'S': return pred((x) => !isSpace(x));
      case 'b': if (inClass) return 8; return { t: 'assert', kind: 'b' };
      case 'B': if (inClass) throw new Unsupported('\\B in class'); return { t: 'assert', kind: 'B' };
      case 'n': return this.literal(10, inClass);
      case 'r': return this.literal(13, inClass);
      case 't': return this.literal(9, inClass);
      case 'v': return this.literal(11, inClass);
      case 'f': return this.literal(12, inClass);
      case '0': if (!isDigit(this.peek() ?? -1)) return this.literal(0, inClass); throw new Unsupported('octal');
      case 'c': {
        const l = this.p[this.i++];
        if (l === undefined) throw new Unsupported('\\c');
        return this.literal(l % 32, inClass);
      }
      case 'x': return this.literal(this.hex(2), inClass);
      case 'u': {
        if (this.peek() === 0x7b) {
          const close = this.p.indexOf(0x7d, this.i);
          if (close < 0) throw new Unsupported('\\u{');
          const v = parseInt(String.fromCodePoint(...this.p.slice(this.i + 1, close)), 16);
          this.i = close + 1;
          return this.literal(v, inClass);
        }
        return this.literal(this.hex(4), inClass);
      }
      case 'p': case 'P': throw new Unsupported('unicode property');
      case 'k': throw new Unsupported('named backreference');
      default:
        if (c >= 0x31 && c <= 0x39) throw new Unsupported('backreference');
        return this.literal(c, inClass);
    }
  }

  private literal(v: number, inClass: boolean): Ast | number {
    return inClass ? v : { t: 'char', pred: (x) => x === v };
  }

  private hex(n: number): number {
    const s = String.fromCodePoint(...this.p.slice(this.i, this.i + n));
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(s)) throw new Unsupported('hex escape');
    this.i += n;
    return parseInt(s, 16);
  }

  private charClass(): Pred {
    const negate = this.peek() === 0x5e;
    if (negate) this.i++;
    const ranges: [number, number][] = [];
    const preds: Pred[] = [];
    let first = true;
    for (;;) {
      const c = this.p[this.i++];
      if (c === undefined) throw new Unsupported('unclosed class');
      if (c === 0x5d && !first) break;
      if (c === 0x5d && first) break; // `[]` matches nothing, `[^]` anything
      first = false;
      let lo: number | Pred = c;
      if (c === 0x5c) {
        const e = this.escape(true);
        if (typeof e === 'function') { preds.push(e); continue; }
        lo = e as number;
      }
      if (this.peek() === 0x2d /* - */ && this.peek(1) !== 0x5d && this.peek(1) !== undefined) {
        this.i++;
        let hi: number | Ast | Pred = this.p[this.i++];
        if (hi === 0x5c) hi = this.escape(true);
        if (typeof hi !== 'number') { // `[a-\d]`: a literal "-"
          ranges.push([lo as number, lo as number], [0x2d, 0x2d]);
          preds.push(hi as Pred);
          continue;
        }
        ranges.push([lo as number, hi]);
      } else ranges.push([lo as number, lo as number]);
    }
    const inSet = (x: number) => ranges.some(([a, b]) => x >= a && x <= b) || preds.some((f) => f(x));
    return negate ? (x) => !inSet(x) : inSet;
  }
}

function compile(ast: Ast): Inst[] {
  const prog: Inst[] = [];
  const emit = (i: Inst) => {
    if (prog.length >= MAX_PROGRAM) throw new Unsupported('pattern too large');
    prog.push(i);
    return prog.length - 1;
  };
  const gen = (n: Ast): void => {
    switch (n.t) {
      case 'char': emit({ op: 'char', pred: n.pred }); return;
      case 'assert': emit({ op: 'assert', kind: n.kind }); return;
      case 'seq': n.items.forEach(gen); return;
      case 'alt': {
        const jumps: Inst[] = [];
        n.alts.forEach((a, k) => {
          if (k < n.alts.length - 1) {
            const split = { op: 'split', x: prog.length + 1, y: -1 } as Extract<Inst, { op: 'split' }>;
            emit(split);
            gen(a);
            const j = { op: 'jmp', x: -1 } as Extract<Inst, { op: 'jmp' }>;
            emit(j);
            jumps.push(j);
            split.y = prog.length;
          } else gen(a);
        });
        for (const j of jumps) (j as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === Infinity) {
          const split = { op: 'split', x: prog.length + 1, y: -1 } as Extract<Inst, { op: 'split' }>;
          const at = emit(split);
          gen(n.node);
          emit({ op: 'jmp', x: at });
          split.y = prog.length;
        } else {
          const splits: Extract<Inst, { op: 'split' }>[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = { op: 'split', x: prog.length + 1, y: -1 } as Extract<Inst, { op: 'split' }>;
            emit(split);
            splits.push(split);
            gen(n.node);
          }
          for (const s of splits) s.y = prog.length;
        }
        return;
      }
    }
  };
  gen(ast);
  emit({ op: 'match' });
  return prog;
}

/** Pike VM: every thread advances in lock step, one list per input position. */
function run(prog: readonly Inst[], input: readonly number[]): boolean {
  const n = input.length;
  const mark = new Int32Array(prog.length).fill(-1);
  let generation = 0;
  const add = (list: number[], pc: number, pos: number): boolean => {
    // Iterative epsilon closure (no recursion on long alternations).
    const stack = [pc];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (mark[p] === generation) continue;
      mark[p] = generation;
      const ins = prog[p];
      switch (ins.op) {
        case 'jmp': stack.push(ins.x); break;
        case 'split': stack.push(ins.y, ins.x); break;
        case 'assert': {
          const before = pos > 0 && isWord(input[pos - 1]);
          const after = pos < n && isWord(input[pos]);
          const ok = ins.kind === '^' ? pos === 0 : ins.kind === '$' ? pos === n : ins.kind === 'b' ? before !== after : before === after;
          if (ok) stack.push(p + 1);
          break;
        }
        case 'match': return true;
        default: list.push(p);
      }
    }
    return false;
  };
  let threads: number[] = [];
  generation++;
  if (add(threads, 0, 0)) return true;
  for (let pos = 0; pos < n; pos++) {
    const c = input[pos];
    const next: number[] = [];
    generation++;
    for (const pc of threads) {
      const ins = prog[pc] as Extract<Inst, { op: 'char' }>;
      if (ins.pred(c) && add(next, pc + 1, pos + 1)) return true;
    }
    // Unanchored search: a new thread may start at every position.
    if (add(next, 0, pos + 1)) return true;
    threads = next;
  }
  return false;
}

/**
 * Shapes that backtrack exponentially in V8: a quantified group that holds a quantifier or an
 * alternation (`(a+)+`, `(a|a)*`, `(\w+\s?)*`). Written as a scan of the pattern's source.
 */
export function nestedQuantifier(pattern: string): boolean {
  const stack: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push({ quantified: false, alternation: false }); continue; }
    if (c === '|') { stack[stack.length - 1].alternation = true; continue; }
    const quantifierAt = (k: number) => pattern[k] === '*' || pattern[k] === '+' || pattern[k] === '?'
      || (pattern[k] === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(k, k + 24)));
    if (c === ')') {
      const inner = stack.pop() ?? { quantified: false, alternation: false };
      if (stack.length === 0) stack.push({ quantified: false, alternation: false });
      if (quantifierAt(i + 1) && pattern[i + 1] !== '?' && (inner.quantified || inner.alternation)) return true;
      if (inner.quantified || quantifierAt(i + 1)) stack[stack.length - 1].quantified = true;
      continue;
    }
    if (quantifierAt(i) && !(c === '?' && (pattern[i - 1] === '(' || /[*+?}]/.test(pattern[i - 1] ?? '')))) stack[stack.length - 1].quantified = true;
  }
  return false;
}

export interface BoundedRegExp {
  test(s: string): boolean;
  toString(): string;
  /** How it runs: a linear VM, natively (checked safe), or not at all (unsafe: always true). */
  readonly engine: 'vm' | 'native' | 'skipped';
}

/** A RegExp-like object that cannot hang: the ajv `code.regExp` engine for workspace schemas. */
export function boundedRegExp(pattern: string, flags = ''): BoundedRegExp {
  const native = new RegExp(pattern, flags); // syntax errors surface as the native ones
  const source = `/${pattern}/${flags}`;
  const unicode = flags.includes('u');
  try {
    const points = unicode ? Array.from(pattern, (ch) => ch.codePointAt(0)!) : Array.from({ length: pattern.length }, (_, k) => pattern.charCodeAt(k));
    const prog = compile(new Parser(points).parse());
    return {
      engine: 'vm',
      test: (s: string) => run(prog, unicode ? Array.from(s, (ch) => ch.codePointAt(0)!) : Array.from({ length: s.length }, (_, k) => s.charCodeAt(k))),
      toString: () => source,
    };
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
  }
  if (!nestedQuantifier(pattern)) return { engine: 'native', test: (s: string) => native.test(s), toString: () => source };
  return { engine: 'skipped', test: () => true, toString: () => source };
}
