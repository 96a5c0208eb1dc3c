/**
 * The Gixy family's TLS fixtures (gixy-ng and Gixy-Next, test/fixtures/gixy/README.md names each
 * source) through the real engine: a fixture that must fire gets a finding of the TLS Lens rules
 * mapped to its plugin, a `*_fp.conf` gets none of them, except the documented exceptions, whose
 * principle the rule's description states. Prints the figures the README quotes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules/registry';
import { describeResult, EXCEPTIONS, PLUGINS, runGixy, summary } from '../../scripts/gixy-agreement';
import { FIXTURES } from '../helpers/paths';

const ROOT = path.join(FIXTURES, 'gixy');

describe('Gixy family agreement (TLS plugins)', () => {
  const a = runGixy(ROOT);

  it('agrees on every fixture but the documented exceptions', (t) => {
    for (const line of summary(a)) t.diagnostic(line);
    for (const [plugin, m] of Object.entries(PLUGINS)) if (m.nginx) t.diagnostic(`${plugin} runs with ${JSON.stringify(m.nginx)}: ${m.why}`);
    for (const r of a.results.filter((x) => !x.agrees)) t.diagnostic(describeResult(r));
    assert.equal(a.results.length, 51, 'the 51 TLS fixtures of the Gixy family (test/fixtures/gixy/README.md)');
    assert.deepEqual(a.disagreements.map(describeResult), []);
    assert.equal(a.mustFire.agree, a.mustFire.total, 'every must-fire fixture fires');
  });

  it('each exception is a fixture that disagrees, on the rule it names, and the rule\'s description states the principle', () => {
    for (const [fixture, e] of Object.entries(EXCEPTIONS)) {
      const r = a.results.find((x) => x.fixture === fixture);
      assert.ok(r, `${fixture}: no such fixture`);
      assert.ok(!r.agrees, `${fixture} agrees now: drop the exception`);
      assert.deepEqual([...new Set(r.fired.map((f) => f.ruleId))], [e.rule], `${fixture}: the exception names ${e.rule}`);
      const rule = RULES.find((x) => x.meta.id === e.rule);
      assert.ok(rule?.meta.description.includes(e.docSays), `${e.rule}'s description does not say "${e.docSays}"`);
    }
  });

  it('maps every plugin folder to rules that exist, and every fixture folder to a mapped plugin', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const [plugin, m] of Object.entries(PLUGINS)) for (const id of m.rules) assert.ok(ids.has(id), `${plugin}: no rule ${id}`);
    for (const source of fs.readdirSync(ROOT).filter((f) => fs.statSync(path.join(ROOT, f)).isDirectory())) {
      for (const plugin of fs.readdirSync(path.join(ROOT, source))) assert.ok(PLUGINS[plugin], `${source}/${plugin} is mapped to no rule`);
    }
  });
});
