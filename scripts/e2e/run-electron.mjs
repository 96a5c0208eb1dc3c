// The same suite through @vscode/test-electron, where VS Code can be downloaded (a developer's
// laptop). Here the download host is unreachable: say so and skip, do not fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace } from './workspace.mjs';
import { FIXTURE_NOW } from './paths.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
let executable;
try {
  executable = await Promise.race([downloadAndUnzipVSCode('stable'), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out')), 20000))]);
} catch (e) {
  console.log(`e2e (@vscode/test-electron): skipped: VS Code cannot be downloaded here (${String(e.message ?? e).split('\n')[0]}). code-server runs the same suite.`);
  process.exit(0);
}
const ws = makeWorkspace(ROOT, fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-e2e-electron-')));
process.env.TLS_LENS_NOW = FIXTURE_NOW;
const code = await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: ROOT, extensionTestsPath: path.join(ROOT, 'test/e2e/index.js'), launchArgs: [ws, '--disable-extensions'] }).catch(() => 1);
process.exit(code);
