/**
 * What the engine may read, by trust and purpose (server/src/host.ts). Every read that could block
 * or leak is tried for real: a FIFO, /dev/zero, /proc/self/environ, a symlink out of the workspace.
 * What the CLI does with such paths: test/integration/cli-special-files.test.ts.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NodeHost } from '../../server/src/host';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { modelOf } from '../helpers/engine';

describe('NodeHost: reads by trust and purpose', () => {
  let ws: string;
  let outside: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ws-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-out-'));
    fs.writeFileSync(path.join(ws, 'in.pem'), 'inside\n');
    fs.writeFileSync(path.join(outside, 'cert.pem'), 'outside\n');
    fs.writeFileSync(path.join(outside, 'snippet.conf'), 'ssl_protocols TLSv1;\n');
    fs.symlinkSync(path.join(outside, 'cert.pem'), path.join(ws, 'link.pem'));
    spawnSync('mkfifo', [path.join(ws, 'fifo.pem')]);
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('trusted: certificates anywhere, includes inside or under the prefix, schemas inside only', () => {
    const h = new NodeHost({ roots: [ws], trusted: true });
    assert.equal(h.readFile(path.join(ws, 'in.pem')), 'inside\n');
    assert.equal(h.readFile(path.join(outside, 'cert.pem'), { purpose: 'certificate' }), 'outside\n');
    assert.equal(h.readFile(path.join(outside, 'snippet.conf'), { purpose: 'include' }), undefined);
    assert.equal(h.readFile(path.join(outside, 'snippet.conf'), { purpose: 'include', also: [outside] }), 'ssl_protocols TLSv1;\n');
    assert.equal(h.readFile(path.join(outside, 'cert.pem'), { purpose: 'schema' }), undefined);
    // A symlink inside the workspace that leads out is outside.
    assert.equal(h.readFile(path.join(ws, 'link.pem'), { purpose: 'include' }), undefined);
    assert.equal(h.readFile(path.join(ws, 'link.pem'), { purpose: 'certificate' }), 'outside\n');
  });

  it('untrusted (Restricted Mode): nothing outside, no workspace schema', () => {
    const h = new NodeHost({ roots: [ws], trusted: false });
    assert.equal(h.readFile(path.join(ws, 'in.pem')), 'inside\n');
    assert.equal(h.readFile(path.join(outside, 'cert.pem'), { purpose: 'certificate' }), undefined);
    assert.equal(h.readFile(path.join(ws, 'link.pem'), { purpose: 'certificate' }), undefined);
    assert.equal(h.readFile(path.join(ws, 'in.pem'), { purpose: 'schema' }), undefined);
    assert.equal(h.readFile(path.join(outside, 'snippet.conf'), { purpose: 'include', also: [outside] }), undefined);
  });

  it('special files are never opened, whatever the purpose and trust', () => {
    const h = new NodeHost({ roots: [ws, '/'], trusted: true });
    for (const p of ['/proc/self/environ', '/dev/zero', '/dev/stdin', '/sys/kernel/hostname', path.join(ws, 'fifo.pem')]) {
      for (const purpose of ['certificate', 'include', 'workspace'] as const) assert.equal(h.readFile(p, { purpose }), undefined, `${p} (${purpose})`);
    }
    assert.equal(h.listDir('/proc', { purpose: 'include', also: ['/'] }), undefined);
  });

  it('nginx: an include outside the workspace is followed under the prefix or a mapped path, never otherwise', () => {
    const conf = (inc: string) => `events {}\nhttp {\n  include ${inc};\n  server { listen 443 ssl; server_name a; ssl_certificate a.pem; ssl_certificate_key a.key; }\n}\n`;
    const protocols = (text: string, options: { prefix?: string; mappings?: Record<string, string> }) => {
      const host = new NodeHost({ roots: [ws], pathMappings: options.mappings ?? {} });
      const m = modelOf({ uri: path.join(ws, 'nginx.conf'), languageId: 'nginx', text }, { maxFileSizeKB: 1024, host, nginx: { ...DEFAULT_SETTINGS.nginx, prefix: options.prefix ?? '/etc/nginx' } });
      return m.nginx!.servers[0].get('ssl_protocols').length;
    };
    assert.equal(protocols(conf(path.join(outside, 'snippet.conf')), {}), 0, 'outside, not under the prefix: not followed');
    assert.equal(protocols(conf(path.join(outside, 'snippet.conf')), { prefix: outside }), 1, 'under the prefix: followed');
    assert.equal(protocols(conf('snippet.conf'), { prefix: outside }), 1, 'relative, found under the prefix');
    fs.mkdirSync(path.join(ws, 'deploy'), { recursive: true });
    fs.copyFileSync(path.join(outside, 'snippet.conf'), path.join(ws, 'deploy/snippet.conf'));
    assert.equal(protocols(conf('/etc/nginx/snippet.conf'), { mappings: { '/etc/nginx/': 'deploy/' } }), 1, 'through a path mapping');
    assert.equal(protocols(conf('/proc/self/environ'), { prefix: '/' }), 0, '/proc never');
  });
});
