// The fast block-YAML reader against its oracle, eemeli/yaml: wherever the fast path takes a text,
// the tree (node classes, values, scalar types and formats, all three offsets of every range) must
// be the library's, on every YAML file of the fixtures, the examples and ../shared, on hand-picked
// edge cases and on generated documents.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isScalar, isSeq, Node, parseAllDocuments, Scalar } from 'yaml';
import { parseBlockYaml } from '../../server/src/parse/yamlBlock';
import { parseYaml } from '../../server/src/parse/yaml';
import { ROOT, SHARED } from '../helpers/paths';

/** The tree as comparable data. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return null;
  if (isScalar(n)) {
    const s = n as Scalar;
    return { scalar: s.value, type: s.type, format: s.format, range: s.range };
  }
  if (isMap(n)) return { map: n.items.map((p) => [shape(p.key), shape(p.value)]), flow: !!n.flow, range: (n as Node).range };
  if (isSeq(n)) return { seq: n.items.map(shape), flow: !!n.flow, range: (n as Node).range };
  return { other: String(n) };
}

const library = (text: string) => parseAllDocuments(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });

/** Whether the fast path took the text; asserts its tree is the library's when it did. */
function agrees(text: string, label: string): boolean {
  const fast = parseBlockYaml(text);
  if (!fast) return false;
  const docs = library(text);
  assert.ok(Array.isArray(docs) && docs.length === 1, `${label}: the library reads ${Array.isArray(docs) ? docs.length : 0} documents`);
  const lib = docs[0];
  assert.deepEqual(lib.errors.map((e) => e.message), [], `${label}: the library reports errors the fast path did not`);
  assert.deepEqual(lib.warnings.map((e) => e.message), [], `${label}: the library warns`);
  assert.deepEqual(fast.range, lib.range, `${label}: document range`);
  assert.deepEqual(shape(fast.contents), shape(lib.contents), `${label}: tree`);
  return true;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) yamlFiles(p, out); } else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** A small seeded PRNG (mulberry32): the generated corpus is the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random block YAML in and just outside the subset: nesting, sequences, comments, quotes, literals, odd scalars. */
function generate(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const scalars = ['1', '-2', '0x1F', '0o17', '1.5', '1e3', '.inf', 'true', 'False', 'null', '~', 'x', 'a b', 'http://h:80/p', "'q''s'", '"dq"', '"a\\"b"', 'v # c', 'a:b', 'yes', '-x', '[1, 2]', '{a: 1}', '&a x', '*a', '!t x', '>', "'", 'x  ', '', '# only', 'a #b', '2026-01-01', '1_000', '+1', '.5', '0.'];
  const keys = ['a', 'b', 'key', 'tls', '"q"', "'s'", '1', 'true', 'a b', 'k-1', 'x.y', 'null'];
  const out: string[] = [];
  const block = (indent: number, depth: number): void => {
    const n = 1 + Math.floor(r() * 4);
    const asSeq = depth > 0 && r() < 0.3;
    for (let i = 0; i < n; i++) {
      const pad = ' '.repeat(indent);
      if (r() < 0.15) out.push(`${' '.repeat(pick([0, indent, indent + 2, Math.max(0, indent - 1)]))}# c`);
      if (r() < 0.1) out.push(pick(['', '  ', ' '.repeat(indent + 3)]));
      if (asSeq) {
        const roll = r();
        if (roll < 0.5 || depth > 3) out.push(`${pad}- ${pick(scalars)}`.trimEnd());
        else {
          out.push(`${pad}- ${pick(keys)}: ${pick(scalars)}`.trimEnd());
          if (r() < 0.6) out.push(`${pad}  ${pick(keys)}: ${pick(scalars)}`.trimEnd());
        }
        continue;
      }
      const k = pick(keys);
      const roll = r();
      if (roll < 0.45 || depth > 3) out.push(`${pad}${k}: ${pick(scalars)}`.trimEnd());
      else if (roll < 0.55) {
        out.push(`${pad}${k}: ${pick(['|', '|-', '|+', '|2'])}`);
        const m = indent + pick([1, 2, 4]);
        for (let j = 0, lines = 1 + Math.floor(r() * 3); j < lines; j++) out.push(pick([`${' '.repeat(m)}line ${j}`, '', `${' '.repeat(m + 2)}deeper`, `${' '.repeat(m)}# not a comment`]));
      } else {
        out.push(`${pad}${k}:${pick(['', '', ' # c', ' '])}`);
        const step = pick([2, 2, 4, 1]);
        if (r() < 0.25) block(indent, depth + 1); // a sequence at the key's own indentation, sometimes
        else block(indent + step, depth + 1);
      }
    }
  };
  if (r() < 0.2) out.push('# header');
  block(0, 0);
  return out.join('\n') + pick(['\n', '', '\n\n', '\n# tail\n']);
}

describe('fast block YAML reader (oracle: eemeli/yaml)', () => {
  it('builds the library\'s tree on hand-picked edge cases, or leaves them to it', () => {
    const cases: [string, boolean][] = [
      ['a: 1\nb:\n  c: x  # hi\n  d:\n  e: y\nl:\n- a\n- b: 2\n  c: 3\n\n# end\n', true],
      ['a: 1  \nb: 2\n\nc:\n  d: 4\n', true],
      ["a: 'it''s'  \nb: \"q\"\n'k': v\n", true],
      ['a: |\n  l1\n\n  l2\n\nb: |-\n  x\nc: 1\n', true],
      ['# top\n\na: 1 # end\n# tail\n', true],
      ['a:\n b:\n  c: 1\n d: 2\n', true],
      ['a:\n  # c\n  x: 1\n', true],
      ['a:\n  - x: 1\n    y:\n  - 2\n', true],
      ['a: x:y\nb: "a" # c\n', true],
      ['- a\n- b', true],
      ['a:', true],
      ['a: 0x1F\nb: 1e3\nc: .inf\nd: 0o17\ne: 1.50\nf: ~\ng: TRUE\n', true],
      // Outside the subset: the library reads them.
      ['a: [1, 2]\n', false],
      ['a: &x 1\nb: *x\n', false],
      ['a: b\n  c\n', false],
      ['a: 1\n---\nb: 2\n', false],
      ['a:\tb\n', false],
      ['a: 1\r\nb: 2\r\n', false],
      ['a: >\n  folded\n', false],
      ['a:\n  x: 1\n    # deeper comment\n  y: 2\n', false],
      ['a:\n  x:\n  # c\n  y: 1\n', false],
      ['a: "esc\\n"\n', false],
      ['a: 1\nb: # c\n\nc:\n  d: 4\n', false],
      ['a: 1\nb:\n', false],
      ['a: b: c\n', false],
      ['  a: 1\n', false],
      ['a:\n    x: 1\n  y: 2\n', false],
    ];
    for (const [text, fast] of cases) assert.equal(agrees(text, JSON.stringify(text)), fast, `${JSON.stringify(text)}: fast path ${fast ? 'expected' : 'not expected'}`);
  });

  it('builds the library\'s tree on every YAML file of the fixtures, the examples and ../shared', () => {
    const files = [...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'examples')), ...(SHARED ? yamlFiles(SHARED) : [])];
    let taken = 0;
    for (const f of files) if (agrees(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f))) taken++;
    assert.ok(files.length > 50, `only ${files.length} YAML files found`);
    // The fast path must be the common one, or it is not worth having.
    console.log(`fast path: ${taken} of ${files.length} files`);
    assert.ok(taken / files.length > 0.3, `the fast path took ${taken} of ${files.length} files`);
  });

  it('builds the library\'s tree on 4,000 generated documents', () => {
    const r = rng(20261125);
    let taken = 0;
    for (let i = 0; i < 4000; i++) {
      const text = generate(r);
      if (agrees(text, `generated #${i} ${JSON.stringify(text)}`)) taken++;
    }
    console.log(`fast path: ${taken} of 4,000 generated`);
    assert.ok(taken > 400, `the fast path took only ${taken} of 4,000 generated documents`);
  });

  it('takes the benchmark\'s 7,000-line values file, and parseYaml uses it', async () => {
    const { valuesText } = await import(path.join(ROOT, 'bench/yaml.mjs'));
    const text: string = valuesText(7000);
    assert.ok(agrees(text, 'bench values.yaml'));
    const parsed = parseYaml(text, '/w/values.yaml');
    assert.equal(parsed.documents.length, 1);
    assert.equal(parsed.documents[0].errors.length, 0);
    assert.deepEqual(parsed.documents[0].json, library(text)[0].toJS());
  });
});
