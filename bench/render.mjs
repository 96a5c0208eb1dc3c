// Charts as they render (issue 22), timed on the real OpenChoreo control-plane chart (../shared/corpus)
// in a temporary workspace with the helmfile, user values and Certificate of test/integration/render.test.ts's
// OpenChoreo case (the Certificate's dnsNames lack the listener hostname: xref/hostname-not-covered lands on
// values-prod.yaml). The helm is the one scripts/helm-setup.mjs installs (run here when absent). Rows:
//   1. `tls-lens check` of the three files vs a bare `helm template` of the same release and values;
//   2. LSP: didOpen of values-prod.yaml → the first publish for it holding the rendered finding;
//   3. LSP: a keystroke (didChange → the publish of that version) while a render is in flight (a helm
//      wrapper that sleeps 2 s before the real helm, so it is), vs the same keystroke with no render running.
// Rounds are interleaved (2 noisy cores); figures are medians.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServer, stopServer } from './lsp.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => `${x.toFixed(0)} ms`;
const RULE = 'xref/hostname-not-covered';
const CHART = 'openchoreo/openchoreo+openchoreo/install/helm/openchoreo-control-plane';
const ON = 'OpenChoreo control-plane chart (../shared/corpus), values-prod.yaml';
const RELEASE = { name: 'openchoreo', namespace: 'openchoreo-control-plane', chart: 'charts/control-plane' };
/** The Kubernetes version the product hands helm (server/src/render/helm.ts KUBE_VERSION). */
const KUBE_VERSION = '1.35.0';

const VALUES = [
  'openchoreoApi:', '  http:', '    hostnames:', '      - api.openchoreo.example.com',
  'backstage:', '  enabled: false',
  'security:', '  oidc:', '    issuer: https://id.openchoreo.example.com',
  'gateway:', '  tls:', '    hostname: "*.openchoreo.example.com"', '    certificateRefs:', '      - name: cp-gateway-tls', '',
].join('\n');
const HELMFILE = [
  'releases:', '  - name: openchoreo', '    namespace: openchoreo-control-plane', '    chart: ./charts/control-plane', '    values:', '      - values-prod.yaml', '',
].join('\n');
const CERTIFICATE = [
  'apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', '  name: cp-gateway', '  namespace: openchoreo-control-plane',
  'spec:', '  secretName: cp-gateway-tls', '  issuerRef:', '    name: ca-issuer', '    kind: ClusterIssuer', '  dnsNames:', '    - api.openchoreo.example.com', '',
].join('\n');

/** The helm scripts/helm-setup.mjs installs, installing it when absent; a reason string when there is none. */
async function setupHelm(root) {
  const { helmCacheDir, STAMP } = await import(pathToFileURL(path.join(root, 'scripts/lib/helm-layer.mjs')).href);
  const dir = helmCacheDir();
  const helm = path.join(dir, 'helm');
  if (!fs.existsSync(path.join(dir, STAMP))) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/helm-setup.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) return { reason: `scripts/helm-setup.mjs failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-1)[0]}` };
  }
  return fs.existsSync(helm) ? { helm } : { reason: `no helm at ${helm} after scripts/helm-setup.mjs` };
}

function writeWorkspace(root, ws) {
  fs.cpSync(path.join(root, '../shared/corpus', CHART), path.join(ws, RELEASE.chart), { recursive: true });
  fs.mkdirSync(path.join(ws, '.git'));
  fs.writeFileSync(path.join(ws, 'values-prod.yaml'), VALUES);
  fs.writeFileSync(path.join(ws, 'helmfile.yaml'), HELMFILE);
  fs.writeFileSync(path.join(ws, 'certificate.yaml'), CERTIFICATE);
}

/** Wall time of a child process to its exit; rejects on an unexpected status. */
function timed(cmd, args, opts, okStatus = [0]) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (status) => {
      const t = performance.now() - t0;
      if (!okStatus.includes(status)) reject(new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} exited ${status}: ${err.trim().slice(-400)}`));
      else resolve({ t, out });
    });
  });
}

/** The peer: `helm template` of the release as the product runs it (its arguments, an empty helm home). */
async function bareHelm(helm, ws) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-helm-'));
  try {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C', HELM_CACHE_HOME: path.join(home, 'cache'), HELM_CONFIG_HOME: path.join(home, 'config'),
      HELM_DATA_HOME: path.join(home, 'data'), HELM_PLUGINS: path.join(home, 'plugins'), KUBECONFIG: path.join(home, 'no-kubeconfig'), HELM_NO_PLUGINS: '1',
    };
    const args = ['template', '--namespace', RELEASE.namespace, '--kube-version', KUBE_VERSION,
      '--values', path.join(ws, 'values-prod.yaml'), '--', RELEASE.name, path.join(ws, RELEASE.chart)];
    const r = await timed(helm, args, { env, cwd: home });
    if (!/kind: Gateway/.test(r.out)) throw new Error('bench render: helm template rendered no Gateway');
    return r.t;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function cliCheck(root, helm, ws) {
  const args = [path.join(root, 'dist/cli.js'), 'check', '--no-color', '--helm', helm, 'helmfile.yaml', 'values-prod.yaml', 'certificate.yaml'];
  const r = await timed(process.execPath, args, { cwd: ws }, [0, 1]);
  if (!r.out.includes(RULE)) throw new Error(`bench render: tls-lens check did not report ${RULE}:\n${r.out.slice(0, 2000)}`);
  return r.t;
}

/** A server on the workspace with tlsLens.helm.path = helm; resolves once initialized. */
async function server(root, ws, helm) {
  const s = spawnServer(root, 'tls-lens');
  s.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ helm: { path: helm } })));
  const uri = pathToFileURL(ws).href;
  await s.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }], initializationOptions: { workspaceTrusted: true },
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
  });
  await s.conn.sendNotification('initialized', {});
  return s;
}

const hasRule = (rec) => rec.diagnostics.some((d) => d.code === RULE);

/** Row 2, one fresh server: didOpen of the values file → its first publish with the rendered finding. */
async function firstRendered(root, ws, helm) {
  const s = await server(root, ws, helm);
  try {
    const uri = pathToFileURL(path.join(ws, 'values-prod.yaml')).href;
    const from = s.publishes.length;
    const t0 = performance.now() - s.t0;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VALUES } });
    const rec = await s.waitFor((p) => p.uri === uri && hasRule(p), 120_000, from);
    return rec.at - t0;
  } finally {
    await stopServer(s);
  }
}

/**
 * Row 3: one server whose helm is a wrapper that marks its start, sleeps 2 s, runs the real helm and
 * marks its end. Each round: a render is triggered (didChangeWatchedFiles), the keystroke is sent once
 * the wrapper has started (a render in flight) and checked to be answered before the wrapper ended;
 * then, the render done and published, the same keystroke with nothing running.
 */
async function keystrokes(root, ws, helm, rounds) {
  const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-marks-'));
  const wrapper = path.join(ws, 'slow-helm.sh');
  fs.writeFileSync(wrapper, `#!/bin/sh\n: > '${marks}/started'\nsleep 2\n'${helm}' "$@"\nrc=$?\n: > '${marks}/ended'\nexit $rc\n`, { mode: 0o755 });
  const started = path.join(marks, 'started');
  const ended = path.join(marks, 'ended');
  const until = async (test, what, limitMs = 120_000) => {
    const t0 = performance.now();
    while (!test()) {
      if (performance.now() - t0 > limitMs) throw new Error(`bench render: ${what} within ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const s = await server(root, ws, wrapper);
  const uri = pathToFileURL(path.join(ws, 'values-prod.yaml')).href;
  let version = 1;
  const busy = [];
  const idle = [];
  let inFlight = 0;
  // One keystroke: a comment line appended (or taken away), didChange → the publish of its version.
  const keystroke = async () => {
    version += 1;
    const text = version % 2 === 0 ? `${VALUES}# k\n` : VALUES;
    const from = s.publishes.length;
    const t0 = performance.now() - s.t0;
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const rec = await s.waitFor((p) => p.uri === uri && p.version === version, 60_000, from);
    return rec.at - t0;
  };
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: VALUES } });
    await s.waitFor((p) => p.uri === uri && hasRule(p), 120_000, 0);
    await until(() => fs.existsSync(ended), 'the first render ends');
    for (let i = 0; i < rounds; i++) {
      fs.rmSync(started, { force: true });
      fs.rmSync(ended, { force: true });
      // Back to the file's text, so the render's findings land on the document again.
      if (version % 2 === 0) await keystroke();
      const from = s.publishes.length;
      await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await until(() => fs.existsSync(started), 'the triggered render starts helm');
      busy.push(await keystroke());
      if (!fs.existsSync(ended)) inFlight += 1;
      await until(() => fs.existsSync(ended), 'the triggered render ends');
      await keystroke(); // back to the rendered text: its publish holds the findings of the render just done
      await s.waitFor((p) => p.uri === uri && p.version === version && hasRule(p), 60_000, from);
      await s.settle(300, 5000);
      idle.push(await keystroke());
    }
    return { busy: median(busy), idle: median(idle), inFlight, rounds };
  } finally {
    await stopServer(s);
    fs.rmSync(marks, { recursive: true, force: true });
    fs.rmSync(wrapper, { force: true });
  }
}

export async function renderBench(root, rows) {
  if (!fs.existsSync(path.join(root, '../shared/corpus', CHART))) {
    rows.push(['rendered releases (issue 22)', `skipped: ../shared/corpus/${CHART} absent`, '', '', '']);
    return;
  }
  const found = await setupHelm(root);
  if (!found.helm) {
    rows.push(['rendered releases (issue 22)', `skipped: ${found.reason}`, '', '', '']);
    return;
  }
  const { helm } = found;
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-render-'));
  try {
    writeWorkspace(root, ws);
    await bareHelm(helm, ws); // warm the page cache for both sides
    await cliCheck(root, helm, ws);
    const peer = [];
    const cli = [];
    const lsp = [];
    for (let i = 0; i < 5; i++) {
      peer.push(await bareHelm(helm, ws));
      cli.push(await cliCheck(root, helm, ws));
      lsp.push(await firstRendered(root, ws, helm));
    }
    const tPeer = median(peer);
    const tCli = median(cli);
    const tLsp = median(lsp);
    rows.push(['`tls-lens check` of helmfile + values + Certificate (renders the release), vs a bare `helm template` of it (5 rounds)',
      ms(tCli), `helm template ${ms(tPeer)}`, `${(tCli / tPeer).toFixed(2)}x`, '', ON]);
    rows.push([`first rendered findings (LSP, fresh server): didOpen of the values file → the first publish holding ${RULE}`,
      ms(tLsp), `helm template ${ms(tPeer)}`, `${(tLsp / tPeer).toFixed(2)}x`, '', ON]);
    const k = await keystrokes(root, ws, helm, 7);
    const what = `a keystroke (didChange → its publish) during a render (helm wrapper sleeping 2 s; in flight at the publish in ${k.inFlight} of ${k.rounds})`;
    rows.push([`${what}, vs none running`,
      ms(k.busy), `no render ${ms(k.idle)}`, `${(k.busy / k.idle).toFixed(2)}x`, 'goal ~1x', ON]);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}
