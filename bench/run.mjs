// npm run bench: performance as ratios against a peer measured in the same run (2 noisy cores:
// medians of several rounds, never a timed test). Needs `npm run build` and the tsc output (out/).
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out/server/src');
if (!fs.existsSync(OUT)) { console.error('bench: run `npm run build && npx tsc -p .` first (npm run bench does)'); process.exit(2); }
const { Engine } = require(path.join(OUT, 'engine.js'));
const { documentSymbols } = require(path.join(OUT, 'features/symbols.js'));
const { LineIndex } = require(path.join(OUT, 'util/lineIndex.js'));
const { parseCache } = require(path.join(OUT, 'model/pem.js'));
const rpc = require('vscode-jsonrpc/node');

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const ms = (x) => `${x.toFixed(2)} ms`;
const rows = [];
// TLS_LENS_BENCH_ONLY=render,stall runs only those parts (bundle, start, hover, stall, hostile, keystores, yaml, index, generate, render).
const only = new Set((process.env.TLS_LENS_BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const want = (part) => only.size === 0 || only.has(part);

function timeIt(fn, rounds) {
  const t = [];
  for (let i = 0; i < rounds; i++) { const s = performance.now(); fn(); t.push(performance.now() - s); }
  return median(t);
}

// 1. Diagnostics + symbols for Debian's CA bundle vs node:crypto X509Certificate parsing it.
if (!want('bundle')) {
  // not asked for
} else if (fs.existsSync(BUNDLE)) {
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const ders = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  const peer = () => { for (const d of ders) { const c = new X509Certificate(d); void c.subject; void c.validTo; void c.publicKey; } };
  const doc = { uri: pathToFileURL(BUNDLE).href, languageId: 'pem', text };
  const engine = new Engine();
  // The service hands symbols the document's line index (it builds one per version): counted here.
  const cold = () => { parseCache.clear(); const [a] = engine.check([doc]); documentSymbols(a.model, new LineIndex(a.doc.text)); };
  const warm = () => { const [a] = engine.check([doc]); documentSymbols(a.model, new LineIndex(a.doc.text)); };
  for (let i = 0; i < 5; i++) { peer(); cold(); } // JIT warm-up for both
  const tPeer = timeIt(peer, 15);
  const tCold = timeIt(cold, 15);
  const tWarm = timeIt(warm, 15);
  rows.push([`CA bundle (${ders.length} certs): diagnostics+symbols, cold parse`, ms(tCold), `node X509Certificate ${ms(tPeer)}`, `${(tCold / tPeer).toFixed(2)}x`, 'goal <= 3x']);
  rows.push([`CA bundle: diagnostics+symbols, parse cache warm (a keystroke)`, ms(tWarm), `node X509Certificate ${ms(tPeer)}`, `${(tWarm / tPeer).toFixed(2)}x`, '']);
} else {
  rows.push(['CA bundle', 'skipped', `${BUNDLE} absent`, '', '']);
}

// 2. Server start → initialize result, vs starting a bare node process; 3. hover latency.
function startServer() {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  proc.stdin.on('error', () => {});
  conn.listen();
  return { proc, conn, t0 };
}
async function initialize(s) {
  await s.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const t = performance.now() - s.t0;
  await s.conn.sendNotification('initialized', {});
  return t;
}
async function stop(s) {
  try { await s.conn.sendRequest('shutdown'); await s.conn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { if (s.proc.exitCode !== null) r(); else { s.proc.once('exit', r); setTimeout(() => { s.proc.kill(); r(); }, 2000); } });
  s.conn.dispose();
}
function bareNode() {
  return new Promise((resolve) => { const t0 = performance.now(); const p = spawn(process.execPath, ['-e', '0']); p.on('exit', () => resolve(performance.now() - t0)); });
}

const starts = [];
const bare = [];
for (let i = 0; i < (want('start') ? 7 : 0); i++) {
  bare.push(await bareNode());
  const s = startServer();
  starts.push(await initialize(s));
  await stop(s);
}
if (want('start')) rows.push(['server start → initialize result', ms(median(starts)), `bare \`node -e 0\` ${ms(median(bare))}`, `${(median(starts) / median(bare)).toFixed(2)}x`, '']);

if (want('hover') && fs.existsSync(BUNDLE)) {
  const s = startServer();
  await initialize(s);
  const uri = pathToFileURL(BUNDLE).href;
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const published = new Promise((resolve) => s.conn.onNotification('textDocument/publishDiagnostics', (p) => { if (p.uri === uri) resolve(performance.now()); }));
  const tOpen = performance.now();
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pem', version: 1, text } });
  const tDiag = (await published) - tOpen;
  const lines = text.split('\n');
  const targets = lines.map((l, i) => (l.startsWith('-----BEGIN') ? i + 3 : -1)).filter((i) => i > 0);
  const lat = [];
  for (let i = 0; i < 60; i++) {
    const line = targets[(i * 37) % targets.length];
    const t0 = performance.now();
    const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
    lat.push(performance.now() - t0);
    if (!h) throw new Error(`no hover at line ${line}`);
  }
  const tSym = performance.now();
  await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  rows.push(['open CA bundle → publishDiagnostics (LSP)', ms(tDiag), '', '', '']);
  rows.push(['hover on the CA bundle (LSP round trip, 60 hovers)', `median ${ms(median(lat))}, p95 ${ms(pct(lat, 0.95))}`, '', '', '']);
  rows.push(['documentSymbol on the CA bundle (LSP round trip)', ms(performance.now() - tSym), '', '', '']);
  await stop(s);
}

const notes = [];
if (want('stall')) await (await import('./stall.mjs')).stallBench(ROOT, rows);
if (want('hostile')) await (await import('./hostile.mjs')).hostileBench(ROOT, rows);
if (want('keystores')) await (await import('./keystores.mjs')).keystoresBench(ROOT, rows);
if (want('yaml')) await (await import('./yaml.mjs')).yamlBench(ROOT, rows, notes);
if (want('index')) await (await import('./index.mjs')).indexBench(ROOT, rows);
if (want('generate')) await (await import('./generate.mjs')).generateBench(ROOT, rows);
if (want('render')) await (await import('./render.mjs')).renderBench(ROOT, rows);

// Rows: what, measured, peer, ratio, goal, and (last, not padded) the file it was measured on.
const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : ''}`;
const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
console.log(`tls-lens bench at commit ${commit} (node ${process.version}, ${(await import('node:os')).cpus().length} cores)`);
for (const r of rows) console.log([0, 1, 2, 3, 4, 5].map((i) => (i < 5 ? String(r[i] ?? '').padEnd(widths[i]) : r[i] ? `[on: ${r[i]}]` : '')).join('  ').trimEnd());
if (notes.length) { console.log(''); for (const n of notes) console.log(n); }
