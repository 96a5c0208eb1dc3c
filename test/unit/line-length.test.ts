/**
 * Dense lines hide size too (issue 20): no line of server/src or client/src code is over 160
 * characters. Long argument lists, object literals, chained calls and conditions are broken over
 * several lines. Comments and prose are not code and may run as long as they need: the check reads
 * each file as product-names.test.ts's codeOf leaves it (comments removed, the strings of a rule's
 * or a product's citation, description, guide, summary, fixText, knows and messages blanked).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/paths';
import { codeOf } from './product-names.test';

const MAX = 160;

/**
 * Files (or, for an entry ending in '/', folders) whose lines may run long. Every other file has
 * been rewrapped; what is left is data a person reads as written, not code. Add nothing here: wrap
 * the line instead.
 */
const TEMPORARY_ALLOW_LIST: readonly string[] = [
  // A data table: real error messages copied verbatim from each ecosystem, and the patterns that
  // match them; a message split over lines would no longer read as the one a person pastes.
  'server/src/explain/families.ts',
  // The same table's proxy and controller rows (split off families.ts to keep files short): messages only.
  'server/src/explain/controllers.ts',
];

/**
 * A line that is only a prose property and its one string: a constraint's `message`, or a prose
 * property codeOf left as it is (its scan does not know regular expression literals, so a quote
 * in one can shift what it takes for a string). A string with `${…}` in it holds code, and counts.
 */
const QUOTED = [/'(?:[^'\\]|\\.)*'/, /"(?:[^"\\]|\\.)*"/, /`(?:[^`\\$]|\\.|\$(?!\{))*`/].map((r) => r.source).join('|');
const PROSE_LINE = new RegExp(`^\\s*(?:citation|description|guide|summary|fixText|message)\\s*:\\s*(?:${QUOTED}),?$`);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'generated') out.push(...sources(p)); } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const allowed = (rel: string) => TEMPORARY_ALLOW_LIST.some((a) => (a.endsWith('/') ? rel.startsWith(a) : rel === a));

/**
 * The line of `text` on which line `n` (1-based) of codeOf(text) ends: codeOf drops the line
 * breaks inside block comments and blanked strings, so its lines and the file's drift apart.
 */
function sourceLine(text: string, n: number): number {
  const lines = text.split('\n');
  const count = (k: number) => codeOf(lines.slice(0, k).join('\n')).split('\n').length;
  if (count(lines.length) === n) return lines.length;
  let lo = 1;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (count(mid) > n) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** `file:line (length)` for each line of code over MAX characters. */
function longLines(file: string, text: string): string[] {
  const out: string[] = [];
  codeOf(text).split('\n').forEach((line, i) => {
    if (line.length > MAX && !PROSE_LINE.test(line)) out.push(`${file}:${sourceLine(text, i + 1)} (${line.length} characters)`);
  });
  return out;
}

describe('line length', () => {
  it('the check sees code, not comments or prose, and finds the line a long one is on', () => {
    const call = `f(${'x, '.repeat(60)}y);`;
    const text = [
      '/**',
      ` * ${'a comment '.repeat(20)}`,
      ' */',
      `const meta = { description: '${'prose '.repeat(30)}' };`,
      `  message: '${'a constraint message '.repeat(9)}',`,
      call,
    ].join('\n');
    assert.deepEqual(longLines('t.ts', text), [`t.ts:6 (${call.length} characters)`]);
    const code = `  message: \`${'x'.repeat(150)} \${y}\`,`;
    assert.deepEqual(longLines('t.ts', code), [`t.ts:1 (${code.length} characters)`]);
  });

  it('the temporary allow-list names files and folders that exist', () => {
    for (const a of TEMPORARY_ALLOW_LIST) assert.ok(fs.existsSync(path.join(ROOT, a)), `${a} is in the allow-list but does not exist`);
  });

  it(`no line of server/src or client/src code is over ${MAX} characters (comments and prose aside)`, () => {
    const found: string[] = [];
    for (const file of [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'client/src'))]) {
      const rel = relative(file);
      if (!allowed(rel)) found.push(...longLines(rel, fs.readFileSync(file, 'utf8')));
    }
    const advice = 'break the argument list, object literal, chained call or condition over several lines';
    assert.deepEqual(found, [], `lines of code over ${MAX} characters (${advice}):\n${found.join('\n')}`);
  });
});
