// YAML part of npm run bench: a 7,000-line values.yaml with a TLS schema, TLS Lens side by side
// with yaml-language-server (npm, over stdio, the same schema and file) in one run.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const YAML = require('yaml');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

export function valuesText(lines = 7000) {
  const out = ['# A large OpenChoreo data-plane values file (generated for the benchmark)', 'clusterAgent:', '  planeType: controlplane', '  planeID: default', '  tls:', '    enabled: true', '    secretName: cluster-agent-tls', '    clientSecretName: cluster-agent-tls', '    serverCAConfigMap: cluster-gateway-ca', '    caSecretName: cluster-gateway-ca', '    duration: 2160h', '    renewBefore: 15 days', 'clusterGateway:', '  tls:', '    enabled: true', '    secretName: cluster-gateway-tls'];
  for (let i = 0; out.length < lines; i++) {
    out.push(`service${i}:`, '  enabled: true', `  replicas: ${i % 5 + 1}`, '  image:', `    repository: registry.example.com/team/service-${i}`, `    tag: "1.${i}.0"`, '  resources:', '    requests:', '      cpu: 100m', '      memory: 128Mi', '  env:', `    - name: SERVICE_ID`, `      value: "${i}"`, '  annotations:', `    example.com/owner: team-${i % 17}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function start(cmd, args, answers) {
  const t0 = performance.now();
  const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => {});
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => answers(it.section)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  const published = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => { for (const w of published) w(p); });
  conn.listen();
  return { proc, conn, t0, onDiagnostics: (f) => published.push(f) };
}

async function stop(s) {
  try { await s.conn.sendRequest('shutdown'); await s.conn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { if (s.proc.exitCode !== null) r(); else { s.proc.once('exit', r); setTimeout(() => { s.proc.kill(); r(); }, 2000); } });
  s.conn.dispose();
}

/** One server: start → initialize, then open → first publishDiagnostics with findings. */
async function measure(kind, root, file, text, schemaFile) {
  const uri = pathToFileURL(file).href;
  const yamlSettings = { validate: true, hover: true, completion: true, schemas: { [pathToFileURL(schemaFile).href]: [uri] }, schemaStore: { enable: false } };
  const server = kind === 'tls-lens'
    ? start(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], () => ({}))
    : start(process.execPath, [path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], (section) => (section === 'yaml' ? yamlSettings : section === '[yaml]' ? {} : null));
  await server.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(path.dirname(file)).href, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } }, initializationOptions: {} });
  const tInit = performance.now() - server.t0;
  await server.conn.sendNotification('initialized', {});
  if (kind !== 'tls-lens') await server.conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  const got = new Promise((resolve) => server.onDiagnostics((p) => { if (p.uri === uri && p.diagnostics.length > 0) resolve([performance.now(), p.diagnostics.length]); }));
  const tOpen = performance.now();
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const [tDiag, count] = await got;
  await stop(server);
  return { init: tInit, firstDiagnostics: tDiag - tOpen, count };
}

export async function yamlBench(root, rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-'));
  try {
    const text = valuesText(7000);
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, text);
    const schemaFile = path.join(root, 'schemas/openchoreo-values.schema.json');
    const ours = [], theirs = [];
    for (let i = 0; i < 5; i++) {
      ours.push(await measure('tls-lens', root, file, text, schemaFile));
      theirs.push(await measure('yaml-language-server', root, file, text, schemaFile));
    }
    const o = { init: median(ours.map((x) => x.init)), diag: median(ours.map((x) => x.firstDiagnostics)) };
    const t = { init: median(theirs.map((x) => x.init)), diag: median(theirs.map((x) => x.firstDiagnostics)) };
    rows.push([`values.yaml 7,000 lines: open → first diagnostics (${ours[0].count} found)`, `${o.diag.toFixed(1)} ms`, `yaml-language-server ${t.diag.toFixed(1)} ms (${theirs[0].count} found)`, `${(o.diag / t.diag).toFixed(2)}x`, 'goal <= 0.4x']);
    rows.push(['server start → initialize result', `${o.init.toFixed(1)} ms`, `yaml-language-server ${t.init.toFixed(1)} ms`, `${(o.init / t.init).toFixed(2)}x`, 'goal <= 0.4x']);

    // Re-diagnosis after a one-line edit, in process (the server adds a 120 ms typing debounce).
    const { analyze, DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/engine.js'));
    const lines = text.split('\n');
    const edited = (n) => { const l = [...lines]; l[5000] = `    tag: "9.${n}.0"`; return l.join('\n'); };
    for (let i = 0; i < 5; i++) { analyze({ uri: file, languageId: 'yaml', text: edited(i) }, DEFAULT_SETTINGS, new Date()); YAML.parseAllDocuments(edited(i)); }
    const tRe = [], tParse = [];
    for (let i = 0; i < 15; i++) {
      const t1 = edited(100 + i);
      let s = performance.now(); analyze({ uri: file, languageId: 'yaml', text: t1 }, DEFAULT_SETTINGS, new Date()); tRe.push(performance.now() - s);
      s = performance.now(); YAML.parseAllDocuments(t1); tParse.push(performance.now() - s);
    }
    rows.push(['values.yaml: re-diagnosis after a one-line edit (engine)', `${median(tRe).toFixed(1)} ms`, `bare yaml parse ${median(tParse).toFixed(1)} ms`, `${(median(tRe) / median(tParse)).toFixed(2)}x`, 'goal <= 1.0x']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
