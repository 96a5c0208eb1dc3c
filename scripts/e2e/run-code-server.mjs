// The end-to-end suite in a real VS Code extension host: code-server with the smoke-test driver,
// headless Chromium (Debian's) driven by playwright-core, the suite's exit code caught through
// window.codeAutomationExit. Prints the mocha report and a final "N passed, N failed" line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, startCodeServer } from './code-server.mjs';
import { FIXTURE_NOW, prepare } from './paths.mjs';
import { makeWorkspace } from './workspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium, log: T } = await prepare('e2e');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-e2e-'));
const ws = makeWorkspace(ROOT, path.join(tmp, 'workspace'));
const report = path.join(tmp, 'report.txt');
const server = await startCodeServer(tmp, { smokeDriver: true, env: { TLS_LENS_E2E_REPORT: report, TLS_LENS_NOW: FIXTURE_NOW } });
T(`code-server on ${server.host}`);
let code = 1;
const ctx = await chromium.launchPersistentContext(path.join(tmp, 'chrome'), { executablePath: '/usr/bin/chromium', headless: true, env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg') }, args: chromiumArgs() });
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationLog', () => {});
  await page.exposeFunction('codeAutomationExit', (c) => done(c));
  const remote = (p) => `vscode-remote://${server.host}${p}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(path.join(ROOT, 'test/e2e/index.js'))], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  await page.goto(`http://${server.host}/?folder=${encodeURIComponent(remote(ws))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  T('workbench loading; the suite runs in the extension host');
  code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), Number(process.env.TLS_LENS_E2E_TIMEOUT_MS || 240000)))]);
  T(`extension host exited with ${code}`);
  if (code !== 0) await page.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
} finally {
  await ctx.close().catch(() => {});
  server.stop();
}
const text = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '';
process.stdout.write(text.replace(/\n?(\d+ passed, \d+ failed)\s*$/, '\n'));
const summary = /(\d+) passed, (\d+) failed/.exec(text);
// The closing line CI reads, alone on its line.
console.log(summary ? `${summary[1]} passed, ${summary[2]} failed` : code === 0 ? '0 passed, 0 failed' : '0 passed, 1 failed');
if (code === 0) fs.rmSync(tmp, { recursive: true, force: true });
else console.log(`e2e: logs kept in ${tmp}`);
process.exit(code === 0 ? 0 : 1);
