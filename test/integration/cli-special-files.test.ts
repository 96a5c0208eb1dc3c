/**
 * What the CLI does with named paths that are not regular files: refused at once, never read
 * (the engine's read policy itself is unit-tested in test/unit/host.test.ts).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DIST } from '../helpers/paths';

describe('tls-lens check: named paths are checked like discovered ones', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', '--format', 'json', ...args], { encoding: 'utf8', timeout: 20_000 });

  it('a FIFO, /dev/zero and /proc/self/environ are refused at once (exit 2), never read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-fifo-'));
    try {
      const fifo = path.join(dir, 'x.pem');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
      for (const p of [fifo, '/dev/zero', '/proc/self/environ']) {
        const r = cli([p]);
        assert.equal(r.error, undefined, `${p}: ${r.error}`);
        assert.equal(r.status, 2, `${p}: exit ${r.status} ${r.stderr}`);
        assert.match(r.stderr, /not a regular file|special file/);
        assert.ok(!r.stdout.includes('PATH='), 'the environment is never printed');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
