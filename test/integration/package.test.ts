/** The .vsix a user installs: only what .vscodeignore allows, everything bundled, small. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/paths';

const ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(client|server|server-main|cli|cli-main)\.js$/,
  /^extension\/schemas\/[a-z0-9-]+\.schema\.json$/, /^extension\/snippets\/(yaml|nginx)\.json$/, /^extension\/syntaxes\/[A-Za-z.-]+\.json$/,
];

describe('the packaged .vsix', () => {
  it('holds only dist/, schemas/, snippets/, syntaxes/, README, CHANGELOG and LICENSE, under 2 MB', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-vsix-'));
    try {
      const out = path.join(dir, 'tls-lens.vsix');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const list = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' }).stdout.trim().split('\n');
      const unexpected = list.filter((f) => !ALLOWED.some((re) => re.test(f)));
      assert.deepEqual(unexpected, []);
      for (const must of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/dist/cli-main.js', 'extension/dist/server-main.js', 'extension/package.json']) assert.ok(list.includes(must), must);
      assert.ok(!list.some((f) => f.includes('node_modules') || f.endsWith('.ts') || f.includes('/test/')));
      const size = fs.statSync(out).size;
      assert.ok(size <= 2 * 1024 * 1024, `${size} bytes`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('activation is lazy: on the languages and commands only, and activate() does not wait for the server', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.ok(manifest.activationEvents.every((e: string) => /^onLanguage:|^onCommand:/.test(e)), manifest.activationEvents.join(', '));
    const src = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(src, /ctx\.start\(\)\.catch/);
    assert.doesNotMatch(src, /await ctx\.start\(\)/);
  });
});
