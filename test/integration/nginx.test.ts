import { strict as assert } from 'node:assert';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SETTINGS, EngineSettings } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';

import { predictGrade } from '../../server/src/nginx/grade';
import { FIXTURE_NOW } from '../helpers/clock';
import { SHARED } from '../helpers/paths';
import { writeServerPki } from '../helpers/pki';
import { checkAlone, modelOf } from '../helpers/engine';

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
        const { findings } = checkAlone({ uri: '/etc/nginx/nginx.conf', languageId: 'nginx', text }, withNginx(version, profile));
        assert.deepEqual(findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`), []);
        if (profile === 'intermediate') {
          // …and the same intermediate file is not clean under modern.
          const strict = checkAlone({ uri: '/etc/nginx/nginx.conf', languageId: 'nginx', text }, withNginx(version, 'modern')).findings;
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
      const { findings } = checkAlone({ uri: 'x.conf', languageId: 'nginx', text }, withNginx('1.27.3', profile));
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
    const bad = files.flatMap((f) => checkAlone({ uri: f, languageId: 'nginx', text: fs.readFileSync(f, 'utf8') }, DEFAULT_SETTINGS, nodeHost, FIXTURE_NOW).findings
      .filter((x) => x.ruleId === 'nginx/syntax-error' && x.severity === 'error').map((x) => `${path.relative(root, f)}: ${x.message}`));
    assert.deepEqual(bad.filter((b) => !b.includes('testdata/etc_nginx/broken.conf')), []);
    assert.ok(bad.some((b) => b.includes('broken.conf')), 'the broken file is reported');
  });
  it('h5bp: includes resolve beside the file, so the TLS policy of the included files is seen', (t) => {
    const root = path.join(SHARED, 'corpus/nginx/h5bp+server-configs-nginx');
    if (!fs.existsSync(root)) return t.skip('corpus absent');
    const file = path.join(root, 'conf.d/templates/example.com.conf');
    const m = modelOf({ uri: file, languageId: 'nginx', text: fs.readFileSync(file, 'utf8') }, { maxFileSizeKB: 1024, host: nodeHost, nginx: { ...DEFAULT_SETTINGS.nginx, prefix: root } });
    const tlsServer = m.nginx!.servers.find((s) => s.tls)!;
    assert.ok(tlsServer.get('ssl_protocols').length > 0, 'ssl_protocols from h5bp/tls/policy_balanced.conf');
    assert.ok(tlsServer.get('ssl_certificate').length > 0, 'ssl_certificate from h5bp/tls/certificate_files.conf');
  });
});

describe('predicted SSL Labs grade', () => {
  const grade = (text: string, version = '1.26', openssl = '3.0') => {
    const m = modelOf({ uri: '/x/nginx.conf', languageId: 'nginx', text }, { maxFileSizeKB: 1024, nginx: { ...DEFAULT_SETTINGS.nginx, version, openssl } });
    return predictGrade(m.nginx!.servers[0], m.nginx!, undefined, FIXTURE_NOW);
  };
  const base = (extra: string) => `events {}\nhttp {\n server {\n  listen 443 ssl;\n  server_name a.example;\n  ssl_certificate a.crt;\n  ssl_certificate_key a.key;\n${extra}\n }\n}\n`;
  const HSTS = '  add_header Strict-Transport-Security "max-age=63072000" always;';
  const protocols = (list: string, extra = HSTS) => base(`  ssl_protocols ${list};\n${extra}`);
  it('A+ for the intermediate profile with long HSTS', () => {
    assert.equal(grade(protocols('TLSv1.2 TLSv1.3')).grade, 'A+');
  });
  it('each protocol with its own SSL Labs cap (an OpenSSL that still negotiates it)', () => {
    const g = (list: string, extra?: string) => grade(protocols(list, extra), '1.26', '1.0.2');
    assert.deepEqual([g('SSLv2 TLSv1.2').grade, g('SSLv2 TLSv1.2').caps], ['F', ['SSL 2 enabled → F']]);
    assert.deepEqual([g('SSLv3 TLSv1.2').grade, g('SSLv3 TLSv1.2').caps], ['C', ['SSL 3 with CBC suites (POODLE) → C']], 'nginx\'s default ciphers (HIGH) include CBC suites');
    assert.deepEqual(g('SSLv3 TLSv1.2', `  ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;\n${HSTS}`).caps, ['SSL 3 enabled → B']);
    assert.deepEqual([g('SSLv3').grade, g('SSLv3').caps], ['F', ['SSL 3 is the only protocol → F', 'neither TLS 1.2 nor TLS 1.3 → C']]);
    assert.deepEqual([g('TLSv1 TLSv1.2').grade, g('TLSv1 TLSv1.2').caps], ['B', ['TLS 1.0/1.1 enabled → B']]);
    assert.deepEqual([g('TLSv1.1 TLSv1.2').grade, g('TLSv1.1 TLSv1.2').caps], ['B', ['TLS 1.0/1.1 enabled → B']]);
    assert.deepEqual([g('TLSv1 TLSv1.1').grade, g('TLSv1 TLSv1.1').caps], ['C', ['TLS 1.0/1.1 enabled → B', 'neither TLS 1.2 nor TLS 1.3 → C']]);
  });
  it('no TLS 1.3 is a note, not a cap; no HSTS, or HSTS under 180 days, keeps A from A+', () => {
    const tls12 = grade(protocols('TLSv1.2'));
    assert.deepEqual([tls12.grade, tls12.caps], ['A+', []]);
    assert.ok(tls12.notes.includes('no TLS 1.3: the Mozilla profiles enable it (SSL Labs does not cap the grade for it)'), JSON.stringify(tls12.notes));
    assert.deepEqual(grade(protocols('TLSv1.2 TLSv1.3', '')).caps, ['no HSTS (A+ needs HSTS of at least 180 days) → A']);
    const short = grade(protocols('TLSv1.2 TLSv1.3', '  add_header Strict-Transport-Security "max-age=86400" always;'));
    assert.deepEqual([short.grade, short.caps], ['A', ['HSTS max-age 86400 under 180 days (A+ needs at least 180 days) → A']]);
  });
  it('what OpenSSL 3.0 does not negotiate is a note: listed TLSv1, and nginx 1.26\'s default TLSv1 and TLSv1.1', () => {
    const listed = grade(protocols('TLSv1 TLSv1.2 TLSv1.3'));
    assert.deepEqual([listed.grade, listed.caps], ['A+', []]);
    assert.match(listed.notes.join('\n'), /TLSv1 listed, but OpenSSL 3\.0 \(tlsLens\.nginx\.openssl\) does not negotiate it \(TLS 1\.0\/1\.1 need @SECLEVEL=0 from OpenSSL 3\.0\)/);
    assert.equal(grade(base(HSTS)).grade, 'A+', 'nginx 1.26 with OpenSSL 3.0: TLS 1.2 and 1.3 only');
    assert.deepEqual(grade(base(HSTS), '1.26', '1.1.1').caps, ['TLS 1.0/1.1 enabled → B'], 'nginx before 1.27.3 enables TLSv1 and TLSv1.1 by default');
    assert.deepEqual(grade(base(HSTS), '1.27.3', '1.1.1').caps, [], 'nginx 1.27.3 does not');
    const old = grade(base(HSTS), '1.22.1', '1.1.1');
    assert.ok(old.notes.some((n) => n.startsWith('no TLS 1.3')), 'before 1.23.4 the default has no TLSv1.3');
    assert.deepEqual(grade(base(`  ssl_ciphers HIGH:@SECLEVEL=0;\n${HSTS}`), '1.26', '3.0').caps, ['TLS 1.0/1.1 enabled → B'], '@SECLEVEL=0 lets them through again');
  });
  it('cipher caps: export, NULL, anonymous and DES → F; RC4 → B (C with TLS 1.1+); 3DES with TLS 1.1+ → C; no forward secrecy → B', () => {
    const c = (ciphers: string, list = 'TLSv1.2') => grade(protocols(list, `  ssl_ciphers ${ciphers};\n${HSTS}`), '1.26', '1.0.2').caps;
    assert.deepEqual(c('ECDHE-RSA-AES128-GCM-SHA256:EXP-RC4-MD5'), ['export, NULL, anonymous or DES suites → F', 'RC4 with TLS 1.1+ → C']);
    assert.deepEqual(c('ECDHE-RSA-AES128-GCM-SHA256:ADH-AES128-SHA'), ['export, NULL, anonymous or DES suites → F']);
    assert.deepEqual(c('ECDHE-RSA-AES128-GCM-SHA256:DES-CBC-SHA'), ['export, NULL, anonymous or DES suites → F']);
    assert.deepEqual(c('ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA', 'TLSv1'), ['TLS 1.0/1.1 enabled → B', 'neither TLS 1.2 nor TLS 1.3 → C', 'RC4 → B']);
    assert.deepEqual(c('ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA'), ['3DES (64-bit blocks) with TLS 1.1+ → C']);
    assert.deepEqual(c('AES128-GCM-SHA256'), ['no forward secrecy → B']);
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
    const { findings } = checkAlone({ uri: path.join(dir, 'nginx.conf'), languageId: 'nginx', text: conf }, withNginx('1.22.1', 'intermediate'), nodeHost, new Date());
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
