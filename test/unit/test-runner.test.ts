/**
 * The tier runner of npm test (scripts/test-runner.mjs) on tiers of its own: a failing tier does
 * not stop the ones after it, a failed prerequisite marks only the tiers that need it, each
 * prerequisite runs once, and the run fails when any tier failed.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/paths';

interface Row { name: string; ok: boolean; detail: string }
interface Tier { name: string; what: string; needs: string[]; runs: () => string[][] }
type RunTiers = (o: { tiers: Tier[]; steps: Record<string, { title: string; cmd: string[] }>; cwd: string; out: { stdout: (d: string) => void; stderr: (d: string) => void } }) => Promise<{ report: Row[]; ok: boolean }>;

const load = async (): Promise<{ runTiers: RunTiers; counts: (t: string) => string; failures: (t: string) => string[] }> => import(pathToFileURL(path.join(ROOT, 'scripts/test-runner.mjs')).href);
const node = (code: string) => [process.execPath, '-e', code];

describe('npm test\'s tier runner', () => {
  it('runs every tier after a failure, reports each, and fails the run', async () => {
    const { runTiers } = await load();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-runner-'));
    const log = path.join(dir, 'log');
    const mark = (s: string) => `require('fs').appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(s + '\n')})`;
    let printed = '';
    try {
      const { report, ok } = await runTiers({
        cwd: dir,
        out: { stdout: (d) => { printed += d; }, stderr: () => undefined },
        steps: {
          build: { title: 'build', cmd: node(mark('build')) },
          setup: { title: 'setup', cmd: node(`${mark('setup')}; process.exit(3)`) },
        },
        tiers: [
          { name: 'unit', what: 'fails', needs: ['build'], runs: () => [node(`${mark('unit')}; console.log('ℹ pass 4'); console.log('ℹ fail 1'); process.exit(1)`)] },
          { name: 'integration', what: 'passes', needs: ['build'], runs: () => [node(`${mark('integration')}; console.log('ℹ pass 7'); console.log('ℹ fail 0')`)] },
          { name: 'e2e', what: 'needs the failed setup', needs: ['build', 'setup'], runs: () => [node(mark('e2e'))] },
          { name: 'ui', what: 'needs the failed setup too', needs: ['setup'], runs: () => [node(mark('ui'))] },
          { name: 'none', what: 'no tests found', needs: [], runs: () => { throw new Error('no compiled tests in out/test/none'); } },
        ],
      });
      assert.equal(ok, false);
      assert.deepEqual(report.map((r) => [r.name, r.ok]), [['(build)', true], ['unit', false], ['integration', true], ['(setup)', false], ['e2e', false], ['ui', false], ['none', false]]);
      assert.equal(report.find((r) => r.name === 'unit')!.detail, '4 passed, 1 failed');
      assert.equal(report.find((r) => r.name === 'e2e')!.detail, 'not run: setup failed');
      assert.equal(report.find((r) => r.name === 'none')!.detail, 'no compiled tests in out/test/none');
      // Each prerequisite once; the tiers after the failing one ran; the ones needing the failed setup did not.
      assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['build', 'unit', 'integration', 'setup']);
      assert.match(printed, /^FAIL {2}unit +4 passed, 1 failed/m);
      assert.match(printed, /npm test: 5 failed \(unit, \(setup\), e2e, ui, none\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes when every tier passes; a non-zero exit fails a tier whose counts look clean', async () => {
    const { runTiers } = await load();
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    const green = await runTiers({ cwd: ROOT, out: quiet, steps: {}, tiers: [{ name: 'a', what: '', needs: [], runs: () => [node("console.log('3 passed, 0 failed')")] }] });
    assert.equal(green.ok, true);
    assert.equal(green.report[0].detail, '3 passed, 0 failed');
    const crashed = await runTiers({ cwd: ROOT, out: quiet, steps: {}, tiers: [{ name: 'a', what: '', needs: [], runs: () => [node("console.log('3 passed, 0 failed'); process.exit(7)")] }] });
    assert.equal(crashed.ok, false);
    assert.equal(crashed.report[0].detail, '3 passed, 0 failed, exit 7');
  });

  it('reads the counts each kind of tier prints', async () => {
    const { counts } = await load();
    assert.equal(counts('ℹ tests 5\nℹ pass 4\nℹ fail 1\nℹ skipped 2\n'), '4 passed, 1 failed, 2 skipped');
    assert.equal(counts('[e2e 3.0s] ready\n11 passed, 0 failed\n'), '11 passed, 0 failed');
    assert.equal(counts('e2e (@vscode/test-electron): skipped: VS Code cannot be downloaded here (getaddrinfo ENOTFOUND x). code-server runs the same suite.\n'), 'e2e (@vscode/test-electron) skipped (VS Code cannot be downloaded here)');
    assert.equal(counts('nothing recognisable'), '');
  });

  it('names the failed tests and their first error line, from node\'s runner and from mocha, in the summary', async () => {
    const { failures, runTiers } = await load();
    // As node --test --test-reporter=spec prints them (its failing-tests section at the end).
    const nodeOut = [
      '▶ outer', '  ✖ inner fails (1.6ms)', '    AssertionError [ERR_ASSERTION]: 1 == 2', '✖ outer (2.8ms)', 'ℹ pass 1', 'ℹ fail 2', '',
      '✖ failing tests:', '', 'test at f.test.mjs:3:27', '✖ inner fails (1.636051ms)', '  AssertionError [ERR_ASSERTION]: 1 == 2', '      at TestContext.<anonymous> (file:///tmp/f.test.mjs:3:58)',
      '', 'test at f.test.mjs:4:1', '✖ top fails (0.121249ms)', '  Error: boom', '  second', '',
    ].join('\n');
    assert.deepEqual(failures(nodeOut), ['inner fails: AssertionError [ERR_ASSERTION]: 1 == 2', 'top fails: Error: boom']);
    // As mocha prints them in the extension host (the e2e suite).
    const mochaOut = [
      '  TLS Lens in a real VS Code', '    ✔ activates (1552ms)', '    1) deliberately failing', '', '', '  12 passing (14s)', '  1 failing', '',
      '  1) TLS Lens in a real VS Code', '       deliberately failing (proves a failure fails the run):', '     AssertionError [ERR_ASSERTION]: broken on purpose',
      '  \tat Context.<anonymous> (test/e2e/extension.test.js:217:114)', '', '12 passed, 1 failed',
    ].join('\n');
    assert.deepEqual(failures(mochaOut), ['TLS Lens in a real VS Code › deliberately failing (proves a failure fails the run): AssertionError [ERR_ASSERTION]: broken on purpose']);
    assert.deepEqual(failures('ℹ pass 3\nℹ fail 0\n'), []);
    let printed = '';
    const { report } = await runTiers({ cwd: ROOT, out: { stdout: (d) => { printed += d; }, stderr: () => undefined }, steps: {}, tiers: [{ name: 'e2e', what: '', needs: [], runs: () => [node(`console.log(${JSON.stringify(mochaOut)}); process.exit(1)`)] }] });
    assert.equal(report[0].ok, false);
    // The names come after the summary's FAIL row: the last lines of a cut log still say what failed.
    assert.match(printed.slice(printed.lastIndexOf('=== summary')), /^FAIL {2}e2e .*\n {6}✖ TLS Lens in a real VS Code › deliberately failing \(proves a failure fails the run\): AssertionError \[ERR_ASSERTION\]: broken on purpose$/m);
  });
});
