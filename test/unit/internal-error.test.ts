/**
 * Crashes are not findings: a rule or a parser that throws becomes a core/internal-error finding
 * on that file (naming what failed, never quoting the input), the other rules' findings stand,
 * and the CLI exits 3 with complete JSON. No input makes TLS Lens crash on purpose, so a failing
 * rule is handed to the engine (and, for the CLI, injected into the registry) for the test.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { failedModel } from '../../server/src/model/document';
import { RULES } from '../../server/src/rules/registry';
import type { Rule } from '../../server/src/rules/types';
import { run } from '../../server/src/cli';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES } from '../helpers/paths';
import { testEngine } from '../helpers/engine';

const SECRET = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg';
const throwing: Rule = {
  meta: { id: 'pem/test-throws', appliesTo: 'any', severity: 'error', description: 'throws', citation: 'test', messages: { m: 'm' } },
  check(ctx) {
    if (ctx.model.text.includes('-----BEGIN')) throw new TypeError(`cannot read ${SECRET} of undefined`);
  },
};

describe('core/internal-error', () => {
  const expired = fs.readFileSync(path.join(FIXTURES, 'pem/bad-cert-expired.pem'), 'utf8');

  it('a rule that throws becomes a finding naming the rule, without the error text; the other rules still report', () => {
    const engine = testEngine({ rules: [...RULES, throwing] });
    const findings = engine.findings(engine.model({ uri: '/x/a.pem', languageId: 'pem', text: expired }));
    const internal = findings.filter((f) => f.ruleId === 'core/internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /TLS Lens failed while running pem\/test-throws: TypeError in /);
    assert.ok(!internal[0].message.includes(SECRET), internal[0].message);
    assert.ok(findings.some((f) => f.ruleId === 'pem/cert-expired'), 'the other rules still report');
  });

  it('a model that cannot be built is reported by the rule, and stays quiet on a good file', () => {
    const failed = failedModel({ uri: '/x/a.yaml', languageId: 'yaml', text: 'a: 1\n' }, 'model', new RangeError('Maximum call stack size exceeded'));
    const engine = testEngine();
    const f = engine.findings(failed).filter((x) => x.ruleId === 'core/internal-error');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /RangeError \(stack overflow\)/);
    const ok = engine.model({ uri: '/x/a.yaml', languageId: 'yaml', text: 'a: 1\n' });
    assert.deepEqual(engine.findings(ok).filter((x) => x.ruleId === 'core/internal-error'), []);
  });

  it('the engine\'s check goes on with the next file', () => {
    const docs = [{ uri: '/x/a.pem', languageId: 'pem', text: expired }, { uri: '/x/b.yaml', languageId: 'yaml', text: 'a: 1\n' }];
    const out = testEngine({ rules: [...RULES, throwing] }).check(docs);
    assert.equal(out.length, 2);
    assert.ok(out[0].findings.some((f) => f.ruleId === 'core/internal-error'));
    assert.deepEqual(out[1].findings.filter((f) => f.ruleId === 'core/internal-error'), []);
  });

  it('the CLI exits 3 (not 1) and its JSON stays complete', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-internal-'));
    const out: string[] = [];
    const err: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const ewrite = process.stderr.write.bind(process.stderr);
    (RULES as Rule[]).push(throwing);
    try {
      fs.writeFileSync(path.join(dir, 'a.pem'), expired);
      fs.writeFileSync(path.join(dir, 'b.yaml'), 'a: 1\n');
      process.stdout.write = ((s: string) => { out.push(s); return true; }) as typeof process.stdout.write;
      process.stderr.write = ((s: string) => { err.push(s); return true; }) as typeof process.stderr.write;
      const code = run(['check', '--format', 'json', '--now', FIXTURE_NOW.toISOString(), dir]);
      process.stdout.write = write;
      process.stderr.write = ewrite;
      assert.equal(code, 3);
      const json = JSON.parse(out.join('')) as { code: string; file: string }[];
      assert.ok(json.some((f) => f.code === 'core/internal-error'));
      assert.ok(json.some((f) => f.code === 'pem/cert-expired'), 'findings of the failing file still listed');
      assert.match(err.join(''), /core\/internal-error/);
      assert.ok(!out.join('').includes(SECRET) && !err.join('').includes(SECRET));
    } finally {
      process.stdout.write = write;
      process.stderr.write = ewrite;
      (RULES as Rule[]).splice(RULES.indexOf(throwing), 1);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
