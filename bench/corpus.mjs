// The real values files the YAML bench measures on (../shared/corpus), scaled to a large file by
// repeating their top-level sections under renamed keys, with a schema fault planted at a product
// key; and the count of corpus YAML files that take the block-YAML fast path.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

/**
 * ../shared/corpus beside the checkout, or TLS_LENS_BENCH_CORPUS (undefined when absent: the
 * real-file rows are skipped).
 */
export function corpusDir(root) {
  const dir = process.env.TLS_LENS_BENCH_CORPUS || path.resolve(root, '../shared/corpus');
  return fs.existsSync(dir) ? dir : undefined;
}

export function lineCount(text) {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function yamlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) yamlFiles(p, out); } else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The largest file named `name` under corpus/`product` whose path contains `contains`. */
export function findCorpusFile(corpus, product, contains, name = 'values.yaml') {
  const dir = path.join(corpus, product);
  if (!fs.existsSync(dir)) return undefined;
  const hits = yamlFiles(dir).filter((f) => path.basename(f) === name && f.includes(contains));
  hits.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  return hits[0];
}

/**
 * The file grown to between `min` and `max` lines: after the original, copies of its top-level
 * sections (a key at column 0 with everything up to the next such key) in file order, each under
 * the key renamed `<key>Copy<n>`, skipping a section that would pass `max`, round after round until
 * a round ends at `min` or more. Keys the schema does not know: the product schema still applies, its
 * findings stay those of the original sections.
 */
export function scaleValues(text, min = 7000, max = 8000) {
  const lines = text.replace(/\n$/, '').split('\n');
  const sections = [];
  for (const [i, l] of lines.entries()) {
    const m = /^([A-Za-z_][\w.-]*):(\s|$)/.exec(l);
    if (m) sections.push({ key: m[1], start: i, end: lines.length });
    if (m && sections.length > 1) sections[sections.length - 2].end = i;
  }
  const out = [...lines];
  for (let n = 1; out.length < min; n++) {
    let added = false;
    for (const s of sections) {
      if (out.length + (s.end - s.start) > max) continue;
      const copy = lines.slice(s.start, s.end);
      copy[0] = copy[0].replace(`${s.key}:`, `${s.key}Copy${n}:`);
      out.push(...copy);
      added = true;
    }
    if (!added) break;
  }
  if (out.length < min) throw new Error(`scaleValues: only ${out.length} lines (wanted ${min}-${max})`);
  return out.join('\n') + '\n';
}

/**
 * A `# yaml-language-server: $schema=…` modeline would make yaml-language-server use another schema
 * (the chart's own values.schema.json) than the one both servers are given: it becomes a plain
 * comment (same line count).
 */
export function dropModeline(text) {
  return text.replace(/^#\s*yaml-language-server:\s*\$schema=.*$/m, '# (the yaml-language-server $schema modeline is removed by the bench: both servers get the same schema)');
}

/** Line and character of an offset. */
export function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Where the scalar at `keyPath` sits: { start, end, line, character, value }. Throws when the path
 * does not hold a scalar (the bench's faults must sit at keys the file really has).
 */
export function scalarAt(text, keyPath) {
  const doc = YAML.parseDocument(text);
  const node = doc.getIn(keyPath, true);
  if (!node || !YAML.isScalar(node) || !node.range) throw new Error(`no scalar at ${keyPath.join('.')}`);
  const [start, end] = node.range;
  return { start, end, value: String(node.value), ...position(text, start) };
}

/** The text with the scalar at `keyPath` replaced by `value` (a plain scalar). */
export function setScalar(text, keyPath, value) {
  const at = scalarAt(text, keyPath);
  return text.slice(0, at.start) + value + text.slice(at.end);
}

/**
 * How many corpus YAML files the block-YAML fast path takes (parseBlockYaml from out/, the
 * function test/unit/yamlBlock.test.ts checks against the library), in files and lines; and how
 * many of the charts' values.yaml files, and of those with at least `bigLines` lines.
 */
export function fastPathCount(root, corpus, bigLines = 500) {
  const { parseBlockYaml } = require(path.join(root, 'out/server/src/parse/yamlBlock.js'));
  const all = yamlFiles(corpus).map((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return { file: path.relative(corpus, f), lines: lineCount(text), fast: parseBlockYaml(text) !== undefined };
  });
  const sum = (xs) => xs.reduce((a, r) => a + r.lines, 0);
  const fast = all.filter((r) => r.fast);
  const values = all.filter((r) => path.basename(r.file) === 'values.yaml');
  const big = values.filter((r) => r.lines >= bigLines);
  const largestFast = [...fast].sort((a, b) => b.lines - a.lines)[0];
  return {
    files: all.length, fastFiles: fast.length, lines: sum(all), fastLines: sum(fast),
    values: values.length, valuesFast: values.filter((r) => r.fast).length,
    bigValues: big.length, bigValuesFast: big.filter((r) => r.fast).length, bigLines,
    largestFast,
  };
}
