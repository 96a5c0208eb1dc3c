/**
 * The bounded regex engine for workspace schema patterns agrees with V8 on the patterns JSON
 * Schemas use, answers exponential patterns without backtracking, and skips what it cannot run
 * safely (a lookahead around a nested quantifier).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { boundedRegExp, nestedQuantifier } from '../../server/src/util/boundedRegex';

const PATTERNS = [
  '^(a+)+$', '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', '^\\d{1,3}(\\.\\d{1,3}){3}$', '^https?://', 'abc',
  '^(foo|bar)baz$', '[^]', '\\bword\\b', '^$', '^(?:[a-z]|\\d)*$', '^.{2,5}$', 'a|b|', 'x*', '^\\u00e9+$', '^[\\w.-]+@[\\w-]+$', '(?<name>a)b',
  'a{2}', '^[]$', '^[^]$', '^\\x41\\u{1F600}?$', '^[\\s\\S]{3}$', '^(\\d+h)?(\\d+m)?(\\d+s)?$', '^[^\\\\/]+$', '\\Bx', '^-?\\d+(\\.\\d+)?$',
];
const INPUTS = ['', 'a', 'aaaa', 'aaaaaaaaaaaaaaab', 'my-host.example.com', '-bad', '1.2.3.4', '1.2.3.4.5', 'http://x', 'https://x', 'foobaz', 'barbaz',
  'bazbaz', 'a word here', 'sword', 'é', 'éé', 'x@y', 'ab', 'aab', 'abcd', '\n', 'A😀', 'A', '2h30m', '1h2m3s', 'a/b', 'ax', '-1.5', '5', '-'];

describe('boundedRegExp', () => {
  it('agrees with V8 on every pattern and input of the table', () => {
    const diffs: string[] = [];
    for (const p of PATTERNS) {
      const native = new RegExp(p, 'u');
      const bounded = boundedRegExp(p, 'u');
      assert.equal(bounded.engine, 'vm', `${p} runs in the VM`);
      for (const s of INPUTS) if (native.test(s) !== bounded.test(s)) diffs.push(`${p} on ${JSON.stringify(s)}: V8 ${native.test(s)}, bounded ${bounded.test(s)}`);
    }
    assert.deepEqual(diffs, []);
  });

  it('answers ^(a+)+$ on 100,000 characters (V8 would backtrack for ever)', () => {
    assert.equal(boundedRegExp('^(a+)+$', 'u').test('a'.repeat(100_000) + '!'), false);
    assert.equal(boundedRegExp('^(a+)+$', 'u').test('a'.repeat(100_000)), true);
  });

  it('runs a lookahead natively only when it cannot backtrack exponentially; skips it otherwise', () => {
    assert.equal(boundedRegExp('^(?=a)b', 'u').engine, 'native');
    const skipped = boundedRegExp('^(?=a)(a+)+$', 'u');
    assert.equal(skipped.engine, 'skipped');
    assert.equal(skipped.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), true);
    assert.throws(() => boundedRegExp('(', 'u'), SyntaxError);
  });

  it('nestedQuantifier finds the exponential shapes', () => {
    for (const p of ['^(a+)+$', '(a|b)*', '(\\w+\\s?)*', '((ab)*)+']) assert.ok(nestedQuantifier(p), p);
    for (const p of ['^(ab)+$', '^[a-z]+(\\.[a-z]+)?$', '^a+b+$', '(?:x)?y*']) assert.ok(!nestedQuantifier(p), p);
  });
});
