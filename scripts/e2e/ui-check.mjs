// What a person sees: the packaged .vsix installed into code-server, the examples workspace open,
// a file with findings opened, the squiggle, the Problems panel, a certificate hover, the TLS
// Certificates view (the expired certificate first), a CodeLens on nginx's ssl_certificate and
// Explain a TLS Error's list, with screenshots. Fails when one of them does not appear.
// TLS_LENS_UPDATE_SCREENSHOTS=1 (npm run screenshots) writes them to docs/screenshots/ for the README.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, startCodeServer } from './code-server.mjs';
import { CODE_SERVER, FIXTURE_NOW, NODE24_BIN, prepare } from './paths.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium, log: T } = await prepare('ui');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ui-'));
const shots = process.env.TLS_LENS_UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs/screenshots') : path.join(tmp, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

// 1. The .vsix, installed the way a user installs it.
const vsix = path.join(tmp, 'tls-lens.vsix');
execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: 'ignore' });
const ext = path.join(tmp, 'ext');
execFileSync(CODE_SERVER, ['--extensions-dir', ext, '--user-data-dir', path.join(tmp, 'user'), '--config', path.join(tmp, 'config.yaml'), '--install-extension', vsix], { env: { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}` }, stdio: 'ignore' });
T('installed the .vsix');
const ws = path.join(tmp, 'examples');
fs.cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });

// A quiet workbench for the screenshots: no chat side bar, no welcome page.
fs.mkdirSync(path.join(tmp, 'user/User'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'user/User/settings.json'), JSON.stringify({ 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }));
const server = await startCodeServer(tmp, { extensionsDir: ext, env: { TLS_LENS_NOW: FIXTURE_NOW } });
const ctx = await chromium.launchPersistentContext(path.join(tmp, 'chrome'), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg') }, args: chromiumArgs() });
// The page may read the clipboard (Explain a TLS Error offers an error line found there), as a user who allowed it.
await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
const steps = [];
let ok = false;
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`http://${server.host}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  T('workbench shown');
  // Open a file with findings through Quick Open.
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type('legacy/bundle.pem');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 90000 });
  steps.push('squiggle');
  T('error squiggle visible');
  await page.screenshot({ path: path.join(shots, 'diagnostics.png') });
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel', { hasText: 'pem/cert-expired' });
  await problems.waitFor({ timeout: 30000 });
  steps.push('problems');
  T('Problems panel: ' + (await problems.innerText()).replace(/\s+/g, ' ').slice(0, 140));
  await page.screenshot({ path: path.join(shots, 'problems.png') });
  // Hover over the second certificate (the CA: no findings, so the hover is the certificate's own).
  await page.keyboard.press('Control+Shift+M');
  const gutter = page.locator('.monaco-editor .line-numbers', { hasText: /^22$/ }).first();
  const g = await gutter.boundingBox();
  const lines = await page.locator('.monaco-editor .view-lines').first().boundingBox();
  await page.mouse.move(lines.x + 120, g.y + g.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'SHA-256' });
  await hover.waitFor({ state: 'visible', timeout: 30000 });
  steps.push('hover');
  T('hover: ' + (await hover.innerText()).replace(/\s+/g, ' ').slice(0, 140));
  await page.screenshot({ path: path.join(shots, 'hover.png') });
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // The TLS Certificates view in the Explorer: groups by status, the expired certificate first.
  await page.keyboard.press('Control+Shift+E');
  const header = page.locator('.pane-header', { hasText: 'TLS Certificates' });
  await header.waitFor({ timeout: 30000 });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const pane = page.locator('.pane', { has: header });
  const rows = pane.locator('.monaco-list-row');
  await pane.locator('.monaco-list-row', { hasText: 'legacy.example.com' }).waitFor({ timeout: 60000 });
  const listed = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  if (!/^Expired \(1\)/.test(listed[0]) || !/^legacy\.example\.com\s*expired 152 days ago/.test(listed[1])) throw new Error(`the view does not list the expired certificate first: ${JSON.stringify(listed.slice(0, 4))}`);
  steps.push('inventory view');
  T('TLS Certificates: ' + listed.slice(0, 4).join(' | '));
  // For the screenshot: fold the folder tree, open the valid group and the app certificate (where it lives, who uses it).
  const folder = page.locator('.pane-header', { hasText: /examples/i }).first();
  if ((await folder.getAttribute('aria-expanded')) === 'true') await folder.click();
  await pane.locator('.monaco-list-row', { hasText: /^Valid/ }).click();
  await pane.locator('.monaco-list-row', { hasText: 'app.example.com' }).first().click();
  await pane.locator('.monaco-list-row', { hasText: 'nginx ssl_certificate' }).first().waitFor({ timeout: 20000 });
  await page.screenshot({ path: path.join(shots, 'inventory.png') });

  // A CodeLens above nginx's ssl_certificate: the certificate it names, its expiry and the hosts it covers.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type('site.conf');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'site.conf' }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: 'site.conf' }).waitFor({ timeout: 20000 });
  const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'CN=app.example.com' });
  await lens.first().waitFor({ timeout: 60000 });
  const lensText = (await lens.first().innerText()).replace(/\s+/g, ' ');
  if (!/expires in 397 days · covers 1 of 2 hosts/.test(lensText)) throw new Error(`unexpected CodeLens: ${lensText}`);
  steps.push('codelens');
  T('CodeLens: ' + lensText);
  await page.screenshot({ path: path.join(shots, 'codelens.png') });

  // TLS Lens: Explain a TLS Error… from the Command Palette, Go's hostname error typed in its input box: the causes, then the
  // finding that causes it (the uncovered host in nginx/site.conf) first.
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type('TLS Lens: Explain a TLS Error');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Explain a TLS Error' }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'The error line from a log' }).waitFor({ timeout: 20000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('x509: certificate is valid for app.example.com, www.example.com, not shop.example.com');
  await page.keyboard.press('Enter');
  const explained = page.locator('.quick-input-list .monaco-list-row', { hasText: "'shop.example.com' is not covered" });
  await explained.first().waitFor({ timeout: 60000 });
  const causes = page.locator('.quick-input-list', { hasText: 'Likely causes' });
  await causes.waitFor({ timeout: 20000 });
  steps.push('explain');
  T('Explain: ' + (await explained.first().innerText()).replace(/\s+/g, ' ').slice(0, 140));
  await page.screenshot({ path: path.join(shots, 'explain.png') });
  await page.keyboard.press('Escape');
  ok = true;
} catch (e) {
  console.error(`ui-check failed after [${steps.join(', ')}]: ${e.message}`);
  await ctx.pages()[0]?.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
} finally {
  await ctx.close().catch(() => {});
  server.stop();
}
console.log(`ui-check: screenshots in ${shots}`);
console.log(ok ? `${steps.length} passed, 0 failed` : `${steps.length} passed, ${6 - steps.length} failed`);
if (ok && !process.env.TLS_LENS_UPDATE_SCREENSHOTS) fs.rmSync(tmp, { recursive: true, force: true });
else if (!ok) console.log(`ui-check: logs kept in ${tmp}`);
process.exit(ok ? 0 : 1);
