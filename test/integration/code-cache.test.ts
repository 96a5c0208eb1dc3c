/**
 * The CLI launcher (dist/cli.js) loads the bundle with the V8 code cache the build wrote, and
 * falls back to a plain compile when the cache is missing, made for another bundle, or damaged.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { DIST } from '../helpers/paths';

/** A copy of the CLI's files; `edit` changes the copy before it runs. */
function copy(edit?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-cache-'));
  for (const f of ['cli.js', 'cli-main.js', 'cli-main.cache']) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  edit?.(dir);
  return dir;
}

/** Whether the launcher used the cache, and what `--version` printed. */
function start(dir: string): { cached: boolean; version: string } {
  const probe = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(path.join(dir, 'cli.js'))}).cached))`], { encoding: 'utf8' });
  assert.equal(probe.status, 0, probe.stderr);
  const v = spawnSync(process.execPath, [path.join(dir, 'cli.js'), '--version'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
  return { cached: probe.stdout === 'true', version: v.stdout.trim() };
}

describe('CLI code cache', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(DIST, '..', 'package.json'), 'utf8')) as { version: string }).version;

  it('the build writes it and the launcher uses it', () => {
    assert.deepEqual(start(copy()), { cached: true, version });
  });

  it('a bundle rebuilt to the same length does not take the old cache (V8 checks only the length)', () => {
    const r = start(copy((dir) => {
      const f = path.join(dir, 'cli-main.js');
      const src = fs.readFileSync(f, 'utf8');
      const at = src.indexOf('tls-lens: unknown command');
      assert.ok(at > 0);
      fs.writeFileSync(f, src.slice(0, at) + 'TLS-lens' + src.slice(at + 8));
      assert.equal(fs.statSync(f).size, fs.statSync(path.join(DIST, 'cli-main.js')).size);
    }));
    assert.deepEqual(r, { cached: false, version });
  });

  it('a damaged or missing cache means a plain compile, not a failure', () => {
    assert.deepEqual(start(copy((dir) => {
      const f = path.join(dir, 'cli-main.cache');
      const b = fs.readFileSync(f);
      b.fill(0x5a, 32, 4096);
      fs.writeFileSync(f, b);
    })), { cached: false, version });
    assert.deepEqual(start(copy((dir) => fs.rmSync(path.join(dir, 'cli-main.cache')))), { cached: false, version });
    assert.deepEqual(start(copy((dir) => fs.writeFileSync(path.join(dir, 'cli-main.cache'), 'short'))), { cached: false, version });
  });

  it('the build writes the language server\'s caches (main thread and engine worker) for the current bundle', () => {
    const source = fs.readFileSync(path.join(DIST, 'server-main.js'), 'utf8').replace(/^#!.*/, '');
    const hash = createHash('sha256').update(source).digest();
    for (const f of ['server-main.cache', 'server-worker.cache']) {
      const c = fs.readFileSync(path.join(DIST, f));
      assert.ok(c.length > 100_000, `${f}: ${c.length} bytes`);
      assert.ok(c.subarray(0, 32).equals(hash), `${f} was made for another build of server-main.js`);
    }
  });
});
