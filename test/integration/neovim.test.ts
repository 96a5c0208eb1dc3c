/** Any LSP client: Neovim (Debian's, headless) drives `node dist/server.js --stdio` with the README's configuration. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DIST, FIXTURES, ROOT } from '../helpers/paths';
import { FIXTURE_NOW } from '../helpers/clock';

const NVIM = ['/usr/bin/nvim', '/usr/local/bin/nvim'].find((p) => fs.existsSync(p));

function runNvim(target: string, expectCode: string, line: number, col: number): { ok: boolean; filetype: string; diagnostics: { message: string; code?: string; lnum: number }[]; hover?: string; error?: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-nvim-'));
  const out = path.join(dir, 'result.json');
  try {
    const r = spawnSync(NVIM!, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test/neovim/check.lua')}`], {
      cwd: path.dirname(target),
      env: { ...process.env, TLS_LENS_SERVER: path.join(DIST, 'server.js'), TLS_LENS_LUA_DIR: path.join(ROOT, 'test/neovim'), OUT_FILE: out, EXPECT_CODE: expectCode, TARGET_FILE: target, HOVER_LINE: String(line), HOVER_COL: String(col), TLS_LENS_NOW: FIXTURE_NOW.toISOString(), XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir },
      encoding: 'utf8',
      timeout: 60000,
    });
    assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Neovim as the LSP client', { skip: NVIM ? false : 'neovim is not installed (.ci/run installs Debian\'s neovim)' }, () => {
  it('a values.yaml: diagnostics arrive and a hover answers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-nvim-ws-'));
    try {
      const file = path.join(dir, 'values.yaml');
      fs.copyFileSync(path.join(FIXTURES, 'schema/bad-certctl.values.yaml'), file);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('challengeType:'));
      const r = runNvim(file, 'schema/invalid-value', line, lines[line].indexOf('challengeType') + 2);
      assert.equal(r.filetype, 'yaml');
      assert.ok(r.diagnostics.some((d) => /challengeType must be one of/.test(d.message)), JSON.stringify(r));
      assert.match(r.hover ?? '', /\*\*challengeType\*\*/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a PEM file: diagnostics arrive and a hover answers', () => {
    const file = path.join(FIXTURES, 'pem/bad-cert-expired.pem');
    const r = runNvim(file, 'pem/cert-expired', 5, 2);
    assert.equal(r.filetype, 'pem');
    assert.ok(r.diagnostics.some((d) => /expired 5 days ago/.test(d.message)), JSON.stringify(r));
    assert.match(r.hover ?? '', /\*\*Certificate\*\* app\.example\.com/);
  });
});
