// Starts code-server (a real VS Code, Node 24) on a free loopback port; returns {host, stop}.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CODE_SERVER, NODE24_BIN } from './paths.mjs';

export const freePort = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

export async function startCodeServer(tmp, { env = {}, smokeDriver = false, extensionsDir } = {}) {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const args = ['--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', extensionsDir ?? path.join(tmp, 'ext'), '--config', path.join(tmp, 'config.yaml')];
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const cs = spawn(CODE_SERVER, args, { env: { ...process.env, ...env, PATH: `${NODE24_BIN}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = fs.createWriteStream(path.join(tmp, 'code-server.log'));
  cs.stdout.pipe(log); cs.stderr.pipe(log);
  await new Promise((resolve, reject) => {
    const to = setTimeout(() => reject(new Error('code-server did not start in 60 s')), 60000);
    cs.stdout.on('data', (d) => { if (/HTTP server listening/.test(d)) { clearTimeout(to); resolve(); } });
    cs.on('exit', (c) => reject(new Error(`code-server exited ${c}`)));
  });
  return { host, stop: () => { try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* gone */ } } };
}

export function chromiumArgs() {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
}
