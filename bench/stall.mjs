// A hover on a small file while another open file's analysis runs past its time budget
// (tlsLens.analysisBudgetMs): the figure the LSP robustness test once asserted (< 1 s) and now
// leaves to the bench. One server; the large file is 150,000 lines of YAML with a 150 ms budget.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function once(root, dir, slowText, smallText, line) {
  const proc = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => {});
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ analysisBudgetMs: 150, maxFileSizeKB: 8192 })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const slow = pathToFileURL(path.join(dir, 'values.yaml')).href;
  const small = pathToFileURL(path.join(dir, 'ca.pem')).href;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: slow, languageId: 'yaml', version: 1, text: slowText } });
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'pem', version: 1, text: smallText } });
  const t = performance.now();
  const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line, character: 2 } });
  const ms = performance.now() - t;
  if (!h) throw new Error('bench stall: no hover');
  try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { if (proc.exitCode !== null) r(); else { proc.once('exit', r); setTimeout(() => { proc.kill(); r(); }, 2000); } });
  conn.dispose();
  return ms;
}

export async function stallBench(root, rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-bench-stall-'));
  try {
    const slowText = Array.from({ length: 150_000 }, (_, i) => `key${i}: value${i}`).join('\n') + '\n';
    const smallText = fs.readFileSync(path.join(root, 'test/fixtures/pem/ok-cert-expired.pem'), 'utf8');
    const line = smallText.split('\n').findIndex((l) => l.startsWith('-----BEGIN CERTIFICATE')) + 1;
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await once(root, dir, slowText, smallText, line));
    rows.push(['hover on a small file while a 150,000-line file runs past its 150 ms budget (LSP, 5 fresh servers)', `median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`, '', '', 'goal < 1 s']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
