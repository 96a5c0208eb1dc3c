// Every CLI command README.md shows runs as written. Each line of a ```sh block that starts with
// `tls-lens`, `npx tls-lens` or `node dist/cli.js` runs in README order, through bash (its quotes,
// comments and redirections are the shell's), in one temporary folder holding a copy of
// examples/ (so what the commands write lands there), with the three spellings routed to
// dist/cli.js and `--now` pinned to the examples' clock where a command does not give one. Each
// must exit with the status its comment documents (`# exit status N`; 0 without one) and never
// crash. A `tls-lens` line in a block that is not sh must be a synopsis (`[options]`, `a|b`), not
// a command that would escape this test; and every product `generate bundle` accepts has a README
// command that makes its bundle from examples/.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BUNDLES } from '../../server/src/products/bundles';
import { FIXTURE_NOW } from '../helpers/clock';
import { DIST, ROOT } from '../helpers/paths';

interface Command { line: number; text: string; status: number }

const CLI_LINE = /^(?:npx\s+tls-lens|tls-lens|node\s+dist\/cli\.js)(?:\s|$)/;

/** The CLI commands of the README's code blocks, with the exit status each documents. */
function readmeCommands(): { commands: Command[]; synopses: string[] } {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const commands: Command[] = [];
  const synopses: string[] = [];
  let fence: string | undefined;
  lines.forEach((raw, i) => {
    const open = /^\s*```(\w*)\s*$/.exec(raw);
    if (open && fence === undefined) { fence = open[1]; return; }
    if (/^\s*```\s*$/.test(raw) && fence !== undefined) { fence = undefined; return; }
    const text = raw.trim();
    if (fence === undefined || !CLI_LINE.test(text)) return;
    if (!['sh', 'bash', 'shell'].includes(fence)) { synopses.push(text); return; }
    const documented = /#.*\bexit status (\d)\b/.exec(text);
    commands.push({ line: i + 1, text, status: documented ? Number(documented[1]) : 0 });
  });
  return { commands, synopses };
}

const { commands, synopses } = readmeCommands();

describe('README.md: every CLI command runs as written', () => {
  let tmp = '';
  let work = '';
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-readme-'));
    work = path.join(tmp, 'repo');
    fs.cpSync(path.join(ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    // tls-lens: dist/cli.js, at the examples' clock unless the command gives --now (or asks for help).
    fs.writeFileSync(path.join(bin, 'tls-lens'), [
      '#!/usr/bin/env node',
      "const { spawnSync } = require('node:child_process');",
      'const args = process.argv.slice(2);',
      `const pin = ['check', 'inventory', 'generate', 'explain'].includes(args[0]) && args.length > 1 && !args.some((a) => a === '--now' || a.startsWith('--now=') || a === '--help' || a === '-h') ? ['--now', ${JSON.stringify(FIXTURE_NOW.toISOString())}] : [];`,
      `const r = spawnSync(process.execPath, [${JSON.stringify(path.join(DIST, 'cli.js'))}, ...args, ...pin], { stdio: 'inherit' });`,
      "if (r.status === null) { process.stderr.write(`tls-lens: killed by ${r.signal}\\n`); process.exit(70); }",
      'process.exit(r.status);',
      '',
    ].join('\n'), { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'npx'), '#!/usr/bin/env bash\nif [ "$1" = tls-lens ]; then shift; exec tls-lens "$@"; fi\necho "npx $1: this test runs only tls-lens" >&2\nexit 127\n', { mode: 0o755 });
    env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, GITHUB_STEP_SUMMARY: path.join(tmp, 'step-summary.md') };
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('finds the commands, and no runnable command outside a sh block', () => {
    assert.ok(commands.length >= 12, `${commands.length} commands`);
    for (const s of synopses) assert.match(s, /\[|\||</, `a CLI command outside a sh block is not run by this test; make it a synopsis or put it in a sh block: ${s}`);
  });

  it('every product generate bundle accepts has a README command making its bundle from examples/', () => {
    for (const b of BUNDLES) {
      const c = commands.find((x) => new RegExp(`\\bgenerate bundle ${b.id} examples/`).test(x.text));
      assert.ok(c, `no README command 'tls-lens generate bundle ${b.id} examples/…'`);
      const input = /\bgenerate bundle \S+ (examples\/\S*)/.exec(c.text)![1];
      assert.ok(fs.existsSync(path.join(ROOT, input)), `${input} (README.md line ${c.line}) exists`);
    }
  });

  for (const c of commands) {
    it(`line ${c.line}: ${c.text}`, () => {
      const r = spawnSync('bash', ['-c', c.text.replace(/^node\s+dist\/cli\.js\b/, 'tls-lens')], { cwd: work, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
      const shown = `exit ${r.status}\n--- stdout\n${r.stdout.slice(0, 3000)}\n--- stderr\n${r.stderr.slice(0, 3000)}`;
      assert.equal(r.status, c.status, `README.md line ${c.line} documents exit status ${c.status}:\n${shown}`);
      assert.doesNotMatch(r.stderr, /internal error|^\s+at .+:\d+:\d+\)?$|Unhandled|node:internal/m, `a crash:\n${shown}`);
    });
  }
});
