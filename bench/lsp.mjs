// A small LSP client for the bench: spawns TLS Lens or yaml-language-server over stdio with the
// same client capabilities, and records every publishDiagnostics with its time since spawn.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/** What the bench's client says it can do: the same for both servers. */
const CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
};

/**
 * Both servers run without NODE_EXTRA_CA_CERTS (as the generate rows do): Node reads that bundle at
 * start, before any of either server's code, and neither uses it.
 */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** yaml-language-server's settings: the given JSON Schema file for exactly this document, nothing fetched. */
export function ylsSettings(schemaFile, uri) {
  return { validate: true, hover: true, completion: true, format: { enable: false }, schemas: { [pathToFileURL(schemaFile).href]: [uri] }, schemaStore: { enable: false } };
}

/**
 * Spawns one server; the clock starts just before the spawn. `kind` is 'tls-lens' or
 * 'yaml-language-server'; `ylsYaml` are the latter's `yaml` settings.
 */
export function spawnServer(root, kind, ylsYaml) {
  const args = kind === 'tls-lens'
    ? [path.join(root, 'dist/server.js'), '--stdio']
    : [path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'];
  // TLS Lens answers its own sections with the defaults ({}); yaml-language-server gets its schema.
  const answer = (section) => (kind === 'tls-lens' ? {} : section === 'yaml' ? ylsYaml : section === '[yaml]' ? {} : null);
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'], env: ENV });
  proc.stdin.on('error', () => {});
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => answer(it.section)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onNotification(() => {});
  /** Every publishDiagnostics: { at (ms since spawn), uri, version, diagnostics }. */
  const publishes = [];
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const rec = { at: performance.now() - t0, uri: p.uri, version: p.version, diagnostics: p.diagnostics };
    publishes.push(rec);
    for (const w of [...waiters]) if (w.test(rec)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(rec); }
  });
  conn.listen();
  const server = {
    kind, proc, conn, t0, publishes,
    /** The first publish from now on (or already seen at index >= `from`) that passes `test`. */
    waitFor(test, timeoutMs = 60000, from = publishes.length) {
      const seen = publishes.slice(from).find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { test, resolve: (r) => { clearTimeout(timer); resolve(r); } };
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`${kind}: no matching publishDiagnostics within ${timeoutMs} ms (${publishes.length} publishes seen)`)); }, timeoutMs);
        waiters.push(w);
      });
    },
    /** Resolves once no publish has arrived for `quietMs` (the workspace scan and its re-publish done). */
    async settle(quietMs = 600, maxMs = 15000) {
      const start = performance.now();
      let n = -1;
      while (n !== publishes.length && performance.now() - start < maxMs) { n = publishes.length; await new Promise((r) => setTimeout(r, quietMs)); }
    },
  };
  return server;
}

/** initialize → result (the time since spawn is returned) → initialized (+ yaml-language-server's settings push). */
export async function initialize(server, rootDir, ylsYaml) {
  await server.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(rootDir).href, workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: path.basename(rootDir) }], capabilities: CAPABILITIES, initializationOptions: {} });
  const tInit = performance.now() - server.t0;
  await server.conn.sendNotification('initialized', {});
  if (server.kind !== 'tls-lens') await server.conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: ylsYaml } });
  return tInit;
}

export async function stopServer(s) {
  try { await s.conn.sendRequest('shutdown'); await s.conn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { if (s.proc.exitCode !== null) r(); else { s.proc.once('exit', r); setTimeout(() => { s.proc.kill(); r(); }, 2000); } });
  s.conn.dispose();
}
