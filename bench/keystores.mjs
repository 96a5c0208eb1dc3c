// Twelve Spinnaker keystores at 4,999,999 PBKDF2 iterations each (under Java's cap), the case of
// issue 19: before the key-derivation budget they cost 13-25 s of the engine's thread, and every
// hover on another document waited. Rows: a hover on a small file while their keys are derived
// (LSP, fresh servers; the test in test/hostile/budgets.test.ts only bounds it generously), and
// `tls-lens check` on the folder against what the twelve derivations alone cost.
import { spawn, spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function once(root, dir, spinnaker, small) {
  const proc = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => {});
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  const slow = pathToFileURL(spinnaker).href;
  const smallUri = pathToFileURL(small).href;
  // Whether the two keystores within the budget are still being opened (their findings not yet published).
  let opened = false;
  let firstDiagnostics;
  const published = new Promise((resolve) => { firstDiagnostics = resolve; });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== slow) return;
    firstDiagnostics();
    if (p.diagnostics.filter((d) => /none opened them|no known password/.test(d.message)).length === 2) opened = true;
  });
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: slow, languageId: 'yaml', version: 1, text: fs.readFileSync(spinnaker, 'utf8') } });
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'pem', version: 1, text: fs.readFileSync(small, 'utf8') } });
  await published;
  const during = !opened;
  const t = performance.now();
  const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 1, character: 2 } });
  const ms = performance.now() - t;
  if (!h) throw new Error('bench keystores: no hover');
  try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { if (proc.exitCode !== null) r(); else { proc.once('exit', r); setTimeout(() => { proc.kill(); r(); }, 2000); } });
  conn.dispose();
  return { ms, during };
}

export async function keystoresBench(root, rows) {
  const { slowKeystores } = require(path.join(root, 'out/test/helpers/keystores.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-keystores-'));
  try {
    const spinnaker = slowKeystores(dir);
    const small = path.join(dir, 'small.pem');
    fs.copyFileSync(path.join(root, 'test/fixtures/pem/ok-cert-expired.pem'), small);
    // The peer: the same first hover beside a YAML file that names no keystore.
    const plainDir = path.join(dir, 'plain');
    fs.mkdirSync(plainDir);
    const plain = path.join(plainDir, 'config.yaml');
    fs.writeFileSync(plain, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n');
    fs.copyFileSync(small, path.join(plainDir, 'small.pem'));
    const runs = [];
    const peers = [];
    for (let i = 0; i < 5; i++) {
      runs.push(await once(root, dir, spinnaker, small));
      peers.push((await once(root, plainDir, plain, path.join(plainDir, 'small.pem'))).ms);
    }
    const times = runs.map((r) => r.ms);
    const during = runs.filter((r) => r.during).length;
    rows.push([`hover on a small file while 12 keystores at 4,999,999 PBKDF2 iterations are read (LSP, first hover, 5 fresh servers; ${during}/5 during the derivations)`, `median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`, `no keystore: median ${median(peers).toFixed(0)} ms, max ${Math.max(...peers).toFixed(0)} ms`, `${(median(times) / median(peers)).toFixed(2)}x`, 'goal < 200 ms']);

    // The CLI: the budget lets two stores be derived; before it, all twelve were.
    const cli = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--format', 'json', spinnaker], { encoding: 'utf8' });
      cli.push(performance.now() - t);
    }
    const t = performance.now();
    for (let i = 0; i < 12; i++) pbkdf2Sync('changeit', Buffer.alloc(16, i + 1), 4_999_999, 32, 'sha256');
    const twelve = performance.now() - t;
    rows.push(['check a SpinnakerService with 12 keystores at 4,999,999 iterations (CLI, median of 3)', `${(median(cli) / 1000).toFixed(1)} s`, `12 PBKDF2 derivations (before the budget) ${(twelve / 1000).toFixed(1)} s`, `${(median(cli) / twelve).toFixed(2)}x`, '']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
