import { strict as assert } from 'node:assert';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze, DEFAULT_SETTINGS, EngineSettings } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';

import { buildModel } from '../../server/src/model/document';
import { predictGrade } from '../../server/src/nginx/grade';
import { FIXTURE_NOW } from '../helpers/clock';
import { SHARED } from '../helpers/paths';
import { writeServerPki } from '../helpers/pki';

const nodeHost = new NodeHost({ roots: [path.join(SHARED, 'corpus'), os.tmpdir()] });

const withNginx = (version: string, profile: 'intermediate' | 'modern'): EngineSettings => ({ ...DEFAULT_SETTINGS, nginx: { ...DEFAULT_SETTINGS.nginx, version, profile } });
const GUIDELINES = path.join(SHARED, 'corpus/nginx/mozilla+ssl-config-generator/src/static/guidelines/6.0.json');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

/** The Mozilla generator's nginx output for a profile and nginx version, from the guidelines JSON values. */
function mozillaConfig(g: { tls_versions: string[]; ciphers: { openssl: string[] }; hsts_min_age: number }, version: string): string {
  const newer = (v: string) => version.localeCompare(v, undefined, { numeric: true }) >= 0;
  const lines = ['http {', '    server {'];
  lines.push(newer('1.25.1') ? '        listen 443 ssl;\n        listen [::]:443 ssl;\n        http2 on;' : '        listen 443 ssl http2;\n        listen [::]:443 ssl http2;');
  lines.push('        ssl_certificate /path/to/signed_cert_plus_intermediates;', '        ssl_certificate_key /path/to/private_key;');
  lines.push(`        add_header Strict-Transport-Security "max-age=${g.hsts_min_age}; includeSubDomains" always;`, '    }');
  lines.push(`    ssl_protocols ${g.tls_versions.join(' ')};`, '    ssl_ecdh_curve X25519:prime256v1:secp384r1;');
  if (g.ciphers.openssl.length > 0) lines.push(`    ssl_ciphers ${g.ciphers.openssl.join(':')};`);
  lines.push('    ssl_prefer_server_ciphers off;', '    ssl_session_timeout 1d;', '    ssl_session_cache shared:MozSSL:10m;');
  if (!newer('1.23.2')) lines.push('    ssl_session_tickets off;');
  lines.push('    ssl_stapling on;', '    ssl_stapling_verify on;', '    ssl_trusted_certificate /path/to/root_CA_cert_plus_intermediates;', '    resolver 127.0.0.1;');
  lines.push('    server {', '        listen 80 default_server;', '        listen [::]:80 default_server;', '        return 308 https://$host$request_uri;', '    }', '}');
  return lines.join('\n') + '\n';
}

describe('Mozilla generator configurations', () => {
  for (const profile of ['intermediate', 'modern'] as const) {
    for (const version of ['1.22.1', '1.27.3']) {
      it(`${profile} for nginx ${version}: no warning under the matching profile`, (t) => {
        if (!fs.existsSync(GUIDELINES)) return t.skip('guidelines JSON absent (../shared)');
        const g = JSON.parse(fs.readFileSync(GUIDELINES, 'utf8')).configurations[profile];
        const text = mozillaConfig(g, version);
        const { findings } = analyze({ uri: '/etc/nginx/nginx.conf', languageId: 'nginx', text }, withNginx(version, profile), FIXTURE_NOW);
        assert.deepEqual(findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`), []);
        if (profile === 'intermediate') {
          // …and the same intermediate file is not clean under modern.
          const strict = analyze({ uri: '/etc/nginx/nginx.conf', languageId: 'nginx', text }, withNginx(version, 'modern'), FIXTURE_NOW).findings;
          assert.ok(strict.some((f) => f.ruleId === 'nginx/ssl-protocols-legacy'));
        }
      });
    }
  }
  it('the offline-rendered 6.0 configurations in ../shared are clean too', (t) => {
    const dir = path.join(SHARED, 'corpus/nginx/mozilla-rendered');
    if (!fs.existsSync(dir)) return t.skip('corpus absent');
    for (const profile of ['intermediate', 'modern'] as const) {
      const text = fs.readFileSync(path.join(dir, `nginx-${profile}-guideline6.0.conf`), 'utf8');
      const { findings } = analyze({ uri: 'x.conf', languageId: 'nginx', text }, withNginx('1.27.3', profile), FIXTURE_NOW);
      assert.deepEqual(findings.filter((f) => f.severity !== 'information' && f.severity !== 'hint').map((f) => f.message), [], profile);
    }
  });
});

describe('real nginx files (../shared/corpus/nginx)', () => {
  it('parse without syntax errors (but certbot\'s deliberately broken.conf)', (t) => {
    const root = path.join(SHARED, 'corpus/nginx');
    if (!fs.existsSync(root)) return t.skip('corpus absent');
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\.conf$|sites-(enabled|available)\//.test(p)) files.push(p); });
    walk(root);
    assert.ok(files.length > 30, `${files.length} files`);
    const bad = files.flatMap((f) => analyze({ uri: f, languageId: 'nginx', text: fs.readFileSync(f, 'utf8') }, DEFAULT_SETTINGS, FIXTURE_NOW, nodeHost).findings
      .filter((x) => x.ruleId === 'nginx/syntax-error' && x.severity === 'error').map((x) => `${path.relative(root, f)}: ${x.message}`));
    assert.deepEqual(bad.filter((b) => !b.includes('testdata/etc_nginx/broken.conf')), []);
    assert.ok(bad.some((b) => b.includes('broken.conf')), 'the broken file is reported');
  });
  it('h5bp: includes resolve beside the file, so the TLS policy of the included files is seen', (t) => {
    const root = path.join(SHARED, 'corpus/nginx/h5bp+server-configs-nginx');
    if (!fs.existsSync(root)) return t.skip('corpus absent');
    const file = path.join(root, 'conf.d/templates/example.com.conf');
    const m = buildModel({ uri: file, languageId: 'nginx', text: fs.readFileSync(file, 'utf8') }, { maxFileSizeKB: 1024, host: nodeHost, nginx: { ...DEFAULT_SETTINGS.nginx, prefix: root } });
    const tlsServer = m.nginx!.servers.find((s) => s.tls)!;
    assert.ok(tlsServer.get('ssl_protocols').length > 0, 'ssl_protocols from h5bp/tls/policy_balanced.conf');
    assert.ok(tlsServer.get('ssl_certificate').length > 0, 'ssl_certificate from h5bp/tls/certificate_files.conf');
  });
});

describe('predicted SSL Labs grade', () => {
  const grade = (text: string, version = '1.26') => {
    const m = buildModel({ uri: '/x/nginx.conf', languageId: 'nginx', text }, { maxFileSizeKB: 1024, nginx: { ...DEFAULT_SETTINGS.nginx, version } });
    return predictGrade(m.nginx!.servers[0], m.nginx!, undefined, FIXTURE_NOW);
  };
  const base = (extra: string) => `events {}\nhttp {\n server {\n  listen 443 ssl;\n  server_name a.example;\n  ssl_certificate a.crt;\n  ssl_certificate_key a.key;\n${extra}\n }\n}\n`;
  it('A+ for the intermediate profile with long HSTS', () => {
    assert.equal(grade(base('  ssl_protocols TLSv1.2 TLSv1.3;\n  add_header Strict-Transport-Security "max-age=63072000" always;')).grade, 'A+');
  });
  it('caps: TLS 1.0 → B, no TLS 1.3 → A-, no HSTS → A-', () => {
    const g = grade(base('  ssl_protocols TLSv1 TLSv1.2;'));
    assert.equal(g.grade, 'B');
    assert.ok(g.caps.includes('TLS 1.0/1.1 enabled → B') && g.caps.includes('no TLS 1.3 → A-') && g.caps.includes('no HSTS → A-'));
    assert.equal(grade(base('  ssl_protocols TLSv1.2;\n  add_header Strict-Transport-Security "max-age=63072000" always;')).grade, 'A-');
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
}

describe('end to end: a block TLS Lens calls clean, served by real nginx, checked with openssl s_client', { skip: NGINX ? false : 'nginx is not installed (.ci/run installs Debian\'s nginx package)' }, () => {
  let dir: string;
  let port: number;
  let nginx: ChildProcess;
  let pki: { ca: string; cert: string; key: string };
  let conf: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-e2e-nginx-'));
    fs.chmodSync(dir, 0o755);
    pki = await writeServerPki(dir);
    port = await freePort();
    conf = [
      `error_log ${dir}/error.log;`, `pid ${dir}/nginx.pid;`, 'events {}', 'http {',
      `    access_log off;`, `    client_body_temp_path ${dir}/body;`, `    proxy_temp_path ${dir}/proxy;`, `    fastcgi_temp_path ${dir}/fastcgi;`, `    uwsgi_temp_path ${dir}/uwsgi;`, `    scgi_temp_path ${dir}/scgi;`,
      '    server {', `        listen 127.0.0.1:${port} ssl;`, '        server_name app.example.com;',
      `        ssl_certificate ${pki.cert};`, `        ssl_certificate_key ${pki.key};`,
      '        ssl_protocols TLSv1.2 TLSv1.3;',
      '        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;',
      '        ssl_prefer_server_ciphers off;', '        ssl_session_timeout 1d;', '        ssl_session_cache shared:MozSSL:10m;', '        ssl_session_tickets off;',
      '        add_header Strict-Transport-Security "max-age=63072000" always;',
      '        location / { return 200 "ok\\n"; }', '    }', '}', ''].join('\n');
    fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
    nginx = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', `${dir}/error.log`, '-g', 'daemon off; master_process off;'], { stdio: 'ignore' });
    const deadline = Date.now() + 10000;
    for (;;) {
      const ok = await new Promise<boolean>((r) => { const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(() => { nginx?.kill(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('TLS Lens calls the block clean under intermediate (nginx 1.22)', () => {
    const { findings } = analyze({ uri: path.join(dir, 'nginx.conf'), languageId: 'nginx', text: conf }, withNginx('1.22.1', 'intermediate'), new Date(), nodeHost);
    assert.deepEqual(findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`), []);
  });

  it('answers TLS 1.3 with a verified chain and hostname', () => {
    const r = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'app.example.com', '-verify_hostname', 'app.example.com', '-CAfile', pki.ca, '-verify_return_error', '-brief'], { input: '', encoding: 'utf8', timeout: 10000 });
    const out = r.stdout + r.stderr;
    assert.equal(r.status, 0, out);
    assert.match(out, /Protocol version: TLSv1\.3/);
    assert.match(out, /Verification: OK/);
  });

  it('refuses TLS 1.1', () => {
    const r = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'app.example.com', '-tls1_1', '-brief'], { input: '', encoding: 'utf8', timeout: 10000 });
    assert.notEqual(r.status, 0, r.stdout + r.stderr);
  });
});
