// Writes the V8 code caches of the CLI and the language server (part of `npm run build`; each is a
// hint its launcher checks, server/src/launch/codeCache.ts):
// - dist/cli-main.cache: the CLI run in this process on the bundled examples and every product
//   bundle (output to a temporary folder);
// - dist/server-main.cache and dist/server-worker.cache: a language server over stdio, opened on
//   examples/ with documents of each kind, hovered and completed, then shut down; each thread saves
//   what it compiled (TLS_LENS_WRITE_CODE_CACHE=1, the only time they write).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const cli = require(path.join(root, 'dist/cli.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-code-cache-'));
const write = { out: process.stdout.write, err: process.stderr.write };
const runs = [
  ['check', path.join(root, 'examples'), '--format', 'json'],
  ['check', path.join(root, 'examples'), '--format', 'sarif'],
  ['check', path.join(root, 'examples')],
  ...['openchoreo', 'spinnaker', 'opschain', 'nginx'].flatMap((p) => [
    ['generate', 'bundle', p, path.join(root, 'test/fixtures/bundles', p), '--out', path.join(tmp, p), '--format', 'json'],
    ['generate', 'bundle', p, path.join(root, 'test/fixtures/bundles', p), '--out', path.join(tmp, `${p}-text`)],
  ]),
  ['generate', 'ca', '--cn', 'Warm-up CA', '--out', path.join(tmp, 'ca')],
  ['generate', 'server', '--dns', 'warm.example', '--ca', path.join(tmp, 'ca/ca.crt'), '--ca-key', path.join(tmp, 'ca/ca.key'), '--out', path.join(tmp, 'server')],
  ['generate', 'csr', '--dns', 'warm.example', '--out', path.join(tmp, 'csr')],
];
try {
  process.stdout.write = process.stderr.write = () => true;
  for (const argv of runs) await cli.run(argv);
} finally {
  process.stdout.write = write.out;
  process.stderr.write = write.err;
  fs.rmSync(tmp, { recursive: true, force: true });
}
const bytes = cli.writeCodeCache();
process.exitCode = 0;
console.log(`code cache: ${(bytes / 1024).toFixed(0)} KiB (dist/cli-main.cache)`);

await serverSession();
for (const f of ['server-main.cache', 'server-worker.cache']) {
  const p = path.join(root, 'dist', f);
  console.log(fs.existsSync(p) ? `code cache: ${(fs.statSync(p).size / 1024).toFixed(0)} KiB (dist/${f})` : `code cache: dist/${f} not written`);
}

async function serverSession() {
  const { spawn } = await import('node:child_process');
  const { pathToFileURL } = await import('node:url');
  const rpc = require('vscode-jsonrpc/node');
  for (const f of ['server-main.cache', 'server-worker.cache']) fs.rmSync(path.join(root, 'dist', f), { force: true });
  const proc = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, TLS_LENS_WRITE_CODE_CACHE: '1' } });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  const published = new Map();
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => { published.set(p.uri, p); for (const w of waiters.splice(0)) w(); });
  conn.onNotification(() => {});
  conn.listen();
  const examples = path.join(root, 'examples');
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(examples).href, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } } });
  await conn.sendNotification('initialized', {});
  const docs = [['k8s/app-tls.yaml', 'yaml'], ['nginx/site.conf', 'nginx'], ['certs/legacy/bundle.pem', 'pem']];
  for (const [rel, languageId] of docs) {
    const uri = pathToFileURL(path.join(examples, rel)).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(path.join(examples, rel), 'utf8') } });
    const deadline = Date.now() + 20_000;
    while (!published.has(uri) && Date.now() < deadline) await new Promise((r) => { waiters.push(r); setTimeout(r, 200); });
    for (const line of [0, 2, 4]) await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } });
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
    await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => { if (proc.exitCode !== null) r(); else { proc.once('exit', r); setTimeout(() => { proc.kill(); r(); }, 5000); } });
  conn.dispose();
}
