/**
 * `tls-lens generate`, proven by real oracles: `openssl verify` in each certificate's role (and
 * failing in the wrong one), `keytool -list` and `openssl pkcs12` (no -legacy) on the keystores,
 * an mTLS handshake between `openssl s_server -Verify 1` and `s_client`, and TLS Lens's own check
 * of every product bundle loaded back with its configuration. Plus the file rules: modes, no
 * overwrite, no secret in the output, one-line reasons for bad input.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { cli } from '../helpers/run';
import { readKeystore } from '../../server/src/x509/keystore';
import { commonName } from '../../server/src/x509/certificate';
import { FIXTURES, ROOT } from '../helpers/paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-generate-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function openssl(args: string[], input?: string): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const hasKeytool = spawnSync('keytool', ['-help'], { encoding: 'utf8' }).status === 0;

function gen(args: string[], cwd = tmp) {
  return cli(['generate', ...args], { cwd });
}

function ok(args: string[], cwd = tmp) {
  const r = gen(args, cwd);
  assert.equal(r.status, 0, `generate ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r;
}

/** Every file under a folder with its mode. */
function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.statSync(p).mode & 0o777);
    }
  };
  walk(dir);
  return out;
}

describe('generate: certificates in their roles (openssl verify)', () => {
  for (const key of ['ec-p256', 'ec-p384', 'rsa-2048', 'ed25519']) {
    it(`${key}: a root CA, a server and a client certificate verify in their roles and fail in the wrong one`, () => {
      const dir = path.join(tmp, `roles-${key}`);
      ok(['ca', '--cn', `Root ${key}`, '--key', key, '--out', dir]);
      const ca = ['--ca', path.join(dir, 'ca.crt'), '--ca-key', path.join(dir, 'ca.key')];
      ok(['server', '--dns', 'app.example.com,*.apps.example.com', '--ip', '10.0.0.7', '--key', key, ...ca, '--out', dir]);
      ok(['client', '--cn', 'alice', '--key', key, ...ca, '--out', dir]);
      ok(['peer', '--dns', 'svc.internal', '--key', key, ...ca, '--out', dir]);
      const verify = (purpose: string, file: string, host?: string) => openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), '-purpose', purpose, ...(host ? ['-verify_hostname', host] : []), path.join(dir, file)]);
      assert.equal(verify('sslserver', 'app.example.com.crt', 'app.example.com').status, 0, verify('sslserver', 'app.example.com.crt').out);
      assert.equal(verify('sslserver', 'app.example.com.crt', 'x.apps.example.com').status, 0);
      assert.notEqual(verify('sslserver', 'app.example.com.crt', 'other.example.com').status, 0, 'a name not in the SANs fails');
      assert.notEqual(verify('sslclient', 'app.example.com.crt').status, 0, 'a server certificate is not a client certificate');
      assert.equal(verify('sslclient', 'alice.crt').status, 0, verify('sslclient', 'alice.crt').out);
      assert.notEqual(verify('sslserver', 'alice.crt').status, 0, 'a client certificate is not a server certificate');
      assert.equal(verify('sslserver', 'svc.internal.crt', 'svc.internal').status, 0);
      assert.equal(verify('sslclient', 'svc.internal.crt').status, 0);
      const text = openssl(['x509', '-in', path.join(dir, 'app.example.com.crt'), '-noout', '-text']).out;
      assert.match(text, /DNS:app\.example\.com, DNS:\*\.apps\.example\.com, IP Address:10\.0\.0\.7/);
      assert.match(text, /Subject Key Identifier/);
      assert.match(text, /Authority Key Identifier/);
      if (key.startsWith('rsa')) assert.match(text, /Digital Signature, Key Encipherment/);
      else assert.doesNotMatch(text, /Key Encipherment/, 'no keyEncipherment on an ECDSA or Ed25519 key');
      const caText = openssl(['x509', '-in', path.join(dir, 'ca.crt'), '-noout', '-text']).out;
      assert.match(caText, /Basic Constraints: critical\s+CA:TRUE/);
      assert.match(caText, /Certificate Sign, CRL Sign/);
      const serial = /Serial Number:\s*\n?\s*([0-9a-f:]+)/i.exec(text)![1].replace(/:/g, '');
      assert.ok(serial.length >= 30 && parseInt(serial[0], 16) < 8, `a random positive 16-byte serial, got ${serial}`);
      for (const [file, mode] of modes(dir)) assert.equal(mode, /\.key$/.test(file) ? 0o600 : 0o644, `${file} mode ${mode.toString(8)}`);
    });
  }

  it('an intermediate CA chains to its root; a leaf it signs verifies with the chain', () => {
    const dir = path.join(tmp, 'intermediate');
    ok(['ca', '--cn', 'Root', '--out', dir]);
    ok(['ca', '--cn', 'Issuing CA', '--name', 'issuing', '--ca', path.join(dir, 'ca.crt'), '--ca-key', path.join(dir, 'ca.key'), '--out', dir]);
    ok(['server', '--dns', 'deep.example.com', '--ca', path.join(dir, 'issuing.crt'), '--ca-key', path.join(dir, 'issuing.key'), '--out', dir, '--name', 'deep']);
    assert.equal(openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), path.join(dir, 'issuing.crt')]).status, 0);
    const r = openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), '-untrusted', path.join(dir, 'issuing.crt'), '-purpose', 'sslserver', path.join(dir, 'deep.crt')]);
    assert.equal(r.status, 0, r.out);
    assert.match(openssl(['x509', '-in', path.join(dir, 'issuing.crt'), '-noout', '-text']).out, /CA:TRUE, pathlen:0/);
  });

  it('a CSR carries its SANs and verifies', () => {
    const dir = path.join(tmp, 'csr');
    ok(['csr', '--cn', 'api.corp.example', '--dns', 'api.corp.example,api2.corp.example', '--org', 'Corp', '--out', dir]);
    const r = openssl(['req', '-in', path.join(dir, 'api.corp.example.csr'), '-noout', '-text', '-verify']);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /DNS:api\.corp\.example, DNS:api2\.corp\.example/);
    assert.match(r.out, /CN ?= ?api\.corp\.example/);
    assert.equal(fs.statSync(path.join(dir, 'api.corp.example.key')).mode & 0o777, 0o600);
  });
});

describe('generate: PKCS#12 keystores and truststores (keytool, openssl pkcs12 without -legacy)', () => {
  const dir = path.join(tmp, 'p12');
  before(() => {
    ok(['ca', '--cn', 'Store Root', '--out', dir]);
    ok(['server', '--dns', 'gate.example', '--key', 'rsa-2048', '--ca', path.join(dir, 'ca.crt'), '--ca-key', path.join(dir, 'ca.key'), '--out', dir, '--name', 'gate']);
    fs.writeFileSync(path.join(dir, 'gate-chain.crt'), fs.readFileSync(path.join(dir, 'gate.crt'), 'utf8') + fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8'));
    ok(['pkcs12', path.join(dir, 'gate-chain.crt'), path.join(dir, 'gate.key'), '--alias', 'gate', '--out', dir]);
    ok(['truststore', path.join(dir, 'ca.crt'), '--out', dir]);
  });

  it('openssl pkcs12 reads both with the password of the .password file, PBES2/AES-256 and a SHA-256 MAC', () => {
    for (const store of ['gate.p12', 'truststore.p12']) {
      const pw = fs.readFileSync(path.join(dir, `${store}.password`), 'utf8');
      assert.ok(pw.length >= 24 && /^[A-Za-z0-9]+$/.test(pw), 'a random password of 24+ characters');
      const r = openssl(['pkcs12', '-info', '-noout', '-in', path.join(dir, store), '-passin', `pass:${pw}`]);
      assert.equal(r.status, 0, r.out);
      assert.match(r.out, /MAC: sha256, Iteration 10000/);
      assert.match(r.out, /PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256/);
      assert.doesNotMatch(r.out, /RC2|3DES/);
      assert.notEqual(openssl(['pkcs12', '-info', '-noout', '-in', path.join(dir, store), '-passin', 'pass:wrong']).status, 0, 'a wrong password fails');
    }
    const pw = fs.readFileSync(path.join(dir, 'gate.p12.password'), 'utf8');
    const dump = openssl(['pkcs12', '-in', path.join(dir, 'gate.p12'), '-passin', `pass:${pw}`, '-nokeys']).out;
    assert.equal((dump.match(/BEGIN CERTIFICATE/g) ?? []).length, 2, 'leaf and CA');
    assert.match(dump, /friendlyName: gate/);
    assert.match(dump, /localKeyID:/);
  });

  it('TLS Lens\'s own keystore reader opens them (BER with indefinite lengths, as pkijs and Windows write PKCS#12)', () => {
    const ks = readKeystore(fs.readFileSync(path.join(dir, 'gate.p12')), [fs.readFileSync(path.join(dir, 'gate.p12.password'), 'utf8')]);
    assert.equal(ks.problem, undefined);
    assert.deepEqual(ks.certs.map((c) => commonName(c)), ['gate.example', 'Store Root']);
    const wrong = readKeystore(fs.readFileSync(path.join(dir, 'gate.p12')), ['wrong']);
    assert.match(wrong.problem ?? '', /no known password/);
  });

  it('keytool lists a PrivateKeyEntry with a chain of 2 and a trustedCertEntry', { skip: !hasKeytool && 'keytool is not installed (.ci/run installs default-jre-headless)' }, () => {
    const list = (store: string) => spawnSync('keytool', ['-list', '-v', '-storetype', 'PKCS12', '-keystore', path.join(dir, store), '-storepass', fs.readFileSync(path.join(dir, `${store}.password`), 'utf8')], { encoding: 'utf8' });
    const ks = list('gate.p12');
    assert.equal(ks.status, 0, ks.stdout + ks.stderr);
    assert.match(ks.stdout, /Alias name: gate/);
    assert.match(ks.stdout, /Entry type: PrivateKeyEntry/);
    assert.match(ks.stdout, /Certificate chain length: 2/);
    const ts = list('truststore.p12');
    assert.equal(ts.status, 0, ts.stdout + ts.stderr);
    assert.match(ts.stdout, /Your keystore contains 1 entry/);
    assert.match(ts.stdout, /Entry type: trustedCertEntry/);
  });

  it('a kubernetes.io/tls Secret from a certificate and key, 0600, loads back clean', () => {
    ok(['secret', path.join(dir, 'gate.crt'), path.join(dir, 'gate.key'), '--name', 'gate-tls', '--namespace', 'spinnaker', '--ca', path.join(dir, 'ca.crt'), '--out', dir]);
    const yaml = fs.readFileSync(path.join(dir, 'gate-tls.yaml'), 'utf8');
    assert.match(yaml, /type: kubernetes\.io\/tls/);
    assert.match(yaml, /namespace: spinnaker/);
    assert.equal(fs.statSync(path.join(dir, 'gate-tls.yaml')).mode & 0o777, 0o600);
    // Made today: checked today (the Secret's certificate gets the pem/* checks too).
    const r = cli(['check', '--format', 'json', path.join(dir, 'gate-tls.yaml'), '--now', new Date().toISOString()]);
    assert.deepEqual(JSON.parse(r.stdout), [], r.stdout);
  });
});

/** A free port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

/** openssl s_server requiring a client certificate, and s_client presenting one: did the handshake complete? */
async function handshake(dir: string, clientCert: string | undefined, clientKey: string | undefined, serve = { cert: path.join(dir, 'localhost.crt'), key: path.join(dir, 'localhost.key'), name: 'localhost' }): Promise<{ ok: boolean; out: string }> {
  const port = await freePort();
  const verify = clientCert ? ['-Verify', '1', '-verify_return_error'] : [];
  const server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', serve.cert, '-key', serve.key, '-CAfile', path.join(dir, 'ca.crt'), ...verify], { stdio: ['pipe', 'pipe', 'pipe'] });
  let serverOut = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => { serverOut += String(d); if (serverOut.includes('ACCEPT')) resolve(); };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', () => reject(new Error(`s_server exited: ${serverOut}`)));
  });
  try {
    await listening;
    const identity = clientCert && clientKey ? ['-cert', clientCert, '-key', clientKey] : [];
    const c = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', serve.name, '-verify_hostname', serve.name, '-CAfile', path.join(dir, 'ca.crt'), '-verify_return_error', ...identity, '-brief'], { input: 'ping\n', encoding: 'utf8', timeout: 15_000 });
    // The server reports the client's certificate (or its rejection) right after the handshake.
    for (let i = 0; i < 40 && !/ping|error|alert/i.test(serverOut); i++) await new Promise((r) => setTimeout(r, 50));
    const out = `${c.stdout}${c.stderr}\n--- server ---\n${serverOut}`;
    return { ok: c.status === 0 && /CONNECTION ESTABLISHED/.test(c.stderr + c.stdout) && /ping/.test(serverOut) && !/error/i.test(serverOut), out };
  } finally {
    server.kill();
  }
}

describe('generate: an mTLS handshake (openssl s_server -Verify 1, s_client)', () => {
  const dir = path.join(tmp, 'mtls');
  before(() => {
    ok(['ca', '--cn', 'mTLS Root', '--out', dir]);
    const ca = ['--ca', path.join(dir, 'ca.crt'), '--ca-key', path.join(dir, 'ca.key')];
    ok(['server', '--dns', 'localhost', '--ip', '127.0.0.1', ...ca, '--out', dir]);
    ok(['client', '--cn', 'agent', ...ca, '--out', dir]);
    ok(['client', '--cn', 'stranger', '--out', path.join(dir, 'foreign')]);
  });

  it('succeeds with a client certificate of the CA', async () => {
    const r = await handshake(dir, path.join(dir, 'agent.crt'), path.join(dir, 'agent.key'));
    assert.ok(r.ok, r.out);
  });

  it('fails with a client certificate of another CA', async () => {
    const r = await handshake(dir, path.join(dir, 'foreign', 'stranger.crt'), path.join(dir, 'foreign', 'stranger.key'));
    assert.ok(!r.ok, `the handshake must fail:\n${r.out}`);
    assert.match(r.out, /unknown ca|certificate verify failed|alert/i);
  });
});

describe('generate: Gateway API listener certificates (openssl verify -verify_hostname, s_server and s_client -servername)', () => {
  const dir = path.join(tmp, 'gateway');
  const out = path.join(dir, 'pki');
  /** A listener's Secret, as the bundle wrote it, back to PEM files for openssl. */
  const fromSecret = (file: string): { cert: string; key: string } => {
    const text = fs.readFileSync(path.join(out, file), 'utf8');
    const value = (k: string) => Buffer.from(new RegExp(`^  ${k.replace('.', '\\.')}: (\\S+)$`, 'm').exec(text)![1], 'base64').toString('utf8');
    const base = path.join(dir, file.replace(/\.yaml$/, ''));
    fs.writeFileSync(`${base}.crt`, value('tls.crt'));
    fs.writeFileSync(`${base}.key`, value('tls.key'), { mode: 0o600 });
    return { cert: `${base}.crt`, key: `${base}.key` };
  };
  before(() => {
    fs.cpSync(path.join(FIXTURES, 'bundles', 'gateway'), dir, { recursive: true });
    ok(['bundle', 'gateway', dir]);
  });
  const cases: [string, string, string][] = [
    ['infra-app-tls.yaml', 'app.example.com', 'the listener hostname'],
    ['infra-shop-tls.yaml', 'cart.example.com', 'a route hostname of a listener without hostname'],
    ['infra-wild-tls.yaml', 'api.eu.example.com', 'a two-label route hostname under a wildcard listener'],
  ];
  for (const [file, host, what] of cases) {
    it(`${file}: verifies for ${host} (${what})`, () => {
      const { cert } = fromSecret(file);
      const v = openssl(['verify', '-CAfile', path.join(out, 'ca.crt'), '-purpose', 'sslserver', '-verify_hostname', host, cert]);
      assert.equal(v.status, 0, v.out);
      const wrong = openssl(['verify', '-CAfile', path.join(out, 'ca.crt'), '-verify_hostname', 'other.example.org', cert]);
      assert.notEqual(wrong.status, 0, 'a name the listener does not serve fails');
    });
  }
  it('s_server serves the listener certificate to an s_client handshake with -servername app.example.com', async () => {
    const { cert, key } = fromSecret('infra-app-tls.yaml');
    fs.copyFileSync(path.join(out, 'ca.crt'), path.join(dir, 'ca.crt'));
    const r = await handshake(dir, undefined, undefined, { cert, key, name: 'app.example.com' });
    assert.ok(r.ok, r.out);
  });
});

describe('generate: OpenChoreo\'s cluster gateway behind a Gateway API TLS passthrough listener', () => {
  const now = new Date().toISOString();
  const run = (name: string, values: (text: string) => string) => {
    const dir = path.join(tmp, name);
    fs.cpSync(path.join(FIXTURES, 'gateway-api', 'openchoreo'), dir, { recursive: true });
    const file = path.join(dir, 'control-plane-values.yaml');
    fs.writeFileSync(file, values(fs.readFileSync(file, 'utf8')));
    ok(['bundle', 'openchoreo', dir]);
    return JSON.parse(cli(['check', '--format', 'json', '--now', now, dir]).stdout) as { code: string; severity: string; message: string; file: string }[];
  };
  it('the manifests written from the chart\'s gateway templates are clean with the certificates of generate bundle openchoreo', () => {
    const findings = run('openchoreo-gateway', (t) => t);
    assert.deepEqual(findings, []);
  });
  it('a TLSRoute host the cluster gateway\'s dnsNames lack is reported on the route (gateway-api/passthrough-not-covered)', () => {
    const findings = run('openchoreo-gateway-uncovered', (t) => t.replace('      - cluster-gateway.openchoreo.example.com\n', ''));
    assert.deepEqual(findings.map((f) => `${f.code} ${path.basename(f.file)}`), ['gateway-api/passthrough-not-covered manifests.yaml']);
    assert.match(findings[0].message, /'cluster-gateway\.openchoreo\.example\.com' passes through Gateway 'gateway-default' listener 'tls-passthrough' to Service cluster-gateway-external/);
  });
});

interface Manifest { files: { path: string; kind: string; role?: string }[] }

describe('generate: product bundles load back clean', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/generate-output.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  for (const product of ['openchoreo', 'spinnaker', 'opschain', 'nginx', 'gateway']) {
    for (const key of ['ec-p256', 'rsa-2048']) {
      it(`${product} (${key}): no error and no warning from TLS Lens on the configuration with its bundle`, () => {
        const dir = path.join(tmp, `bundle-${product}-${key}`);
        fs.cpSync(path.join(FIXTURES, 'bundles', product), dir, { recursive: true });
        const r = ok(['bundle', product, dir, '--edit', '--key', key, '--format', 'json']);
        const manifest = JSON.parse(r.stdout) as Manifest;
        assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors));
        assert.ok(manifest.files.length > 3);
        const out = path.join(dir, 'pki');
        for (const [file, mode] of modes(out)) {
          const entry = manifest.files.find((f) => f.path === file);
          assert.ok(entry, `${file} is in the manifest`);
          // A Secret manifest is 0600 whatever it holds (issue 19 §3).
          const secret: boolean = ['key', 'pkcs12', 'truststore', 'password', 'secret'].includes(entry.kind);
          assert.equal(mode, secret ? 0o600 : 0o644, `${file}: ${mode.toString(8)}`);
        }
        const check = cli(['check', '--format', 'json', '--now', new Date().toISOString(), dir]);
        const findings = JSON.parse(check.stdout) as { code: string; severity: string; message: string; file: string }[];
        const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
        // Every certificate made verifies against the bundle's CA in its role.
        for (const f of manifest.files.filter((x) => x.kind === 'certificate' && x.role !== 'ca')) {
          const purpose = f.role === 'client' ? 'sslclient' : 'sslserver';
          const v = openssl(['verify', '-CAfile', path.join(out, 'ca.crt'), '-purpose', purpose, path.join(out, f.path)]);
          assert.equal(v.status, 0, `${f.path}: ${v.out}`);
        }
      });
    }
  }

  it('spinnaker: every Java keystore and the truststore open in keytool with the passwords in the Secret', { skip: !hasKeytool && 'keytool is not installed' }, () => {
    const out = path.join(tmp, 'bundle-spinnaker-ec-p256', 'pki');
    for (const store of ['gate.p12', 'orca.p12', 'truststore.p12']) {
      const r = spawnSync('keytool', ['-list', '-storetype', 'PKCS12', '-keystore', path.join(out, store), '-storepass', fs.readFileSync(path.join(out, `${store}.password`), 'utf8')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, store === 'truststore.p12' ? /trustedCertEntry/ : /PrivateKeyEntry/);
    }
  });

  it('the edits it lists say file, line and key, never a byte offset (text, json, the folder\'s README)', () => {
    const dir = path.join(tmp, 'edits-where');
    fs.cpSync(path.join(FIXTURES, 'bundles'), dir, { recursive: true });
    const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
    const planes = path.join(dir, 'openchoreo/planes.yaml');
    const valueLine = lineOf(planes, 'value: |');
    const choreo = ok(['bundle', 'openchoreo', path.join(dir, 'openchoreo')]);
    assert.doesNotMatch(choreo.stdout, /offset/);
    assert.ok(choreo.stdout.includes(`  ${planes}:${valueLine} under spec.clusterAgent.clientCA: BuildPlane ci: `), choreo.stdout);
    assert.match(choreo.stdout, new RegExp(`\\n    replace from line ${valueLine}, column \\d+, through line ${valueLine + 3} with:\\n      \\|\\n +-----BEGIN CERTIFICATE-----\\n`));
    const site = path.join(dir, 'nginx/site.conf');
    const listen = lineOf(site, 'listen 443 ssl;');
    const nginx = ok(['bundle', 'nginx', site]);
    assert.doesNotMatch(nginx.stdout, /offset/);
    assert.ok(nginx.stdout.includes(`  ${site}:${listen} under server app.example.com: ssl_certificate and ssl_certificate_key for app.example.com, www.app.example.com\n    add after line ${listen}:\n          ssl_certificate pki/app.example.com.crt;\n`), nginx.stdout);
    const json = JSON.parse(ok(['bundle', 'nginx', site, '--out', path.join(dir, 'nginx/pki2'), '--format', 'json']).stdout) as { edits: { file: string; line: number; under: string }[] };
    assert.deepEqual(json.edits.map((e) => [e.file, e.line, e.under]), [[site, listen, 'server app.example.com'], [site, lineOf(site, 'listen 8443 ssl;'), 'server .internal.example.com']]);
    const readme = fs.readFileSync(path.join(dir, 'openchoreo/pki/README.md'), 'utf8');
    assert.ok(readme.includes(`- \`${planes}:${valueLine}\` under spec.clusterAgent.clientCA: BuildPlane ci: `), readme);
  });

  it('a bundle of a configuration without the product is refused with a reason (exit 2)', () => {
    const r = gen(['bundle', 'spinnaker', path.join(FIXTURES, 'bundles', 'nginx')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no Spinnaker .* configuration that needs a certificate/);
  });
});

describe('generate: files, consent and secrecy', () => {
  it('refuses to overwrite (exit 1, nothing written), replaces with --force', () => {
    const dir = path.join(tmp, 'overwrite');
    ok(['server', '--dns', 'a.example', '--out', dir]);
    const before = fs.readFileSync(path.join(dir, 'a.example.key'));
    const r = gen(['server', '--dns', 'a.example', '--out', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /refused: .*a\.example\.crt.*nothing was written; --force replaces them/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'a.example.key')), before, 'the key is untouched');
    ok(['server', '--dns', 'a.example', '--out', dir, '--force']);
    assert.notDeepEqual(fs.readFileSync(path.join(dir, 'a.example.key')), before);
    assert.equal(fs.statSync(path.join(dir, 'a.example.key')).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('never prints a key, a keystore or a password (text, json, README)', () => {
    const dir = path.join(tmp, 'secrecy');
    fs.cpSync(path.join(FIXTURES, 'bundles', 'spinnaker'), dir, { recursive: true });
    const text = ok(['bundle', 'spinnaker', dir]);
    const json = ok(['bundle', 'spinnaker', dir, '--out', path.join(dir, 'pki2'), '--format', 'json']);
    for (const out of [path.join(dir, 'pki'), path.join(dir, 'pki2')]) {
      const secrets = fs.readdirSync(out).filter((f) => f.endsWith('.password')).map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
      assert.ok(secrets.length >= 3);
      const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
      for (const shown of [text.stdout, text.stderr, json.stdout, json.stderr, readme]) {
        assert.doesNotMatch(shown, /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/);
        for (const s of secrets) assert.ok(!shown.includes(s), 'a password leaked');
      }
    }
  });

  it('bad input gets exit 2 and a one-line reason', () => {
    const cases: [string[], RegExp][] = [
      [['server', '--dns', 'bad..name'], /'bad\.\.name' is not a host name a certificate can hold: it has an empty label/],
      [['server', '--dns', '*.com'], /'\*\.com' is not a host name a certificate can hold: a wildcard over a public suffix \(com\)/],
      [['server', '--key', 'dsa-1024', '--dns', 'a.b'], /--key must be one of/],
      [['server', '--days', '0', '--dns', 'a.b'], /--days: the validity must be/],
      [['server'], /needs --dns or --ip/],
      [['client'], /needs --cn/],
      [['server', '--dns', 'a.b', '--ca', path.join(FIXTURES, 'bundles', 'nginx', 'site.conf')], /--ca and --ca-key go together/],
      [['pkcs12', path.join(FIXTURES, 'bundles', 'nginx', 'site.conf'), path.join(FIXTURES, 'bundles', 'nginx', 'site.conf')], /holds no PEM certificate/],
      [['renew', path.join(ROOT, 'examples', 'certs', 'app.example.com', 'fullchain.pem')], /its CA and key are needed to renew it/],
      [['bundle', 'weblogic', '.'], /unknown bundle 'weblogic'/],
      [['frobnicate'], /unknown thing to generate/],
    ];
    for (const [args, reason] of cases) {
      const r = gen([...args, '--out', path.join(tmp, 'never')]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, reason, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
    assert.ok(!fs.existsSync(path.join(tmp, 'never')), 'nothing written on bad input');
  });

  it('refuses a CA that is not a CA, a key that is not its certificate\'s, an encrypted key', () => {
    const dir = path.join(tmp, 'bad-ca');
    ok(['ca', '--cn', 'One', '--out', path.join(dir, 'one')]);
    ok(['ca', '--cn', 'Two', '--out', path.join(dir, 'two')]);
    ok(['server', '--dns', 'leaf.example', '--out', path.join(dir, 'leaf')]);
    const leafAsCa = gen(['server', '--dns', 'x.example', '--ca', path.join(dir, 'leaf', 'leaf.example.crt'), '--ca-key', path.join(dir, 'leaf', 'leaf.example.key'), '--out', path.join(dir, 'x')]);
    assert.equal(leafAsCa.status, 2);
    assert.match(leafAsCa.stderr, /not a CA certificate/);
    const wrongKey = gen(['server', '--dns', 'x.example', '--ca', path.join(dir, 'one', 'ca.crt'), '--ca-key', path.join(dir, 'two', 'ca.key'), '--out', path.join(dir, 'x')]);
    assert.equal(wrongKey.status, 2);
    assert.match(wrongKey.stderr, /--ca-key is not the key of --ca/);
    const enc = path.join(dir, 'enc.key');
    assert.equal(openssl(['pkey', '-in', path.join(dir, 'one', 'ca.key'), '-aes256', '-passout', 'pass:secret', '-out', enc]).status, 0);
    const encrypted = gen(['server', '--dns', 'x.example', '--ca', path.join(dir, 'one', 'ca.crt'), '--ca-key', enc, '--out', path.join(dir, 'x')]);
    assert.equal(encrypted.status, 2);
    assert.match(encrypted.stderr, /is encrypted; decrypt a copy first/);
  });

  it('renew: same subject, names and usages, a new key, signed by the same CA', () => {
    const dir = path.join(tmp, 'renew');
    ok(['ca', '--cn', 'Renew Root', '--out', dir]);
    const ca = ['--ca', path.join(dir, 'ca.crt'), '--ca-key', path.join(dir, 'ca.key')];
    ok(['peer', '--dns', 'svc.example,svc', '--ip', '10.1.2.3', '--key', 'rsa-2048', '--days', '90', ...ca, '--out', dir]);
    ok(['renew', path.join(dir, 'svc.example.crt'), ...ca, '--out', path.join(dir, 'renewed')]);
    const show = (f: string) => openssl(['x509', '-in', f, '-noout', '-subject', '-ext', 'subjectAltName,extendedKeyUsage', '-pubkey', '-dates']).out;
    const before = show(path.join(dir, 'svc.example.crt'));
    const after = show(path.join(dir, 'renewed', 'svc.example.crt'));
    const field = (s: string, re: RegExp) => re.exec(s)?.[0];
    assert.equal(field(after, /subject=.*/), field(before, /subject=.*/));
    assert.equal(field(after, /DNS:.*/), field(before, /DNS:.*/));
    assert.match(after, /TLS Web Server Authentication, TLS Web Client Authentication/);
    assert.notEqual(field(after, /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/), field(before, /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/), 'a new key');
    assert.match(openssl(['x509', '-in', path.join(dir, 'renewed', 'svc.example.crt'), '-noout', '-text']).out, /Public-Key: \(2048 bit\)/, 'the same kind of key');
    const v = openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), '-purpose', 'sslserver', '-verify_hostname', 'svc.example', path.join(dir, 'renewed', 'svc.example.crt')]);
    assert.equal(v.status, 0, v.out);
    const days = (s: string) => { const a = /notBefore=(.*)/.exec(s)![1]; const b = /notAfter=(.*)/.exec(s)![1]; return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000); };
    assert.equal(days(after), 90, 'the old lifetime');
  });
});
