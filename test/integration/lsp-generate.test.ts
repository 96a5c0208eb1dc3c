/**
 * Generate actions over LSP (any client): a diagnostic's code action runs `tlsLens.server.generate`,
 * which asks before replacing a key, makes the certificate where it lives, and the diagnostic goes
 * away; a missing certificate file is made where the configuration names it; nothing of this in
 * Restricted Mode. Checked with openssl, not with TLS Lens's own reading.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Diagnostic, LspClient } from '../helpers/lsp';
import { cli } from '../helpers/run';
import { FIXTURE_NOW } from '../helpers/clock';
import { jksKeystore } from '../helpers/der';
import { certificatePem, createCertificate, privateKeyDer, privateKeyPem } from '../../server/src/x509/generate';
import { keystore } from '../../server/src/generate/pkcs12';
import { BUNDLES } from '../../server/src/products/bundles';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-generate-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

interface Edit { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }

/** Applies LSP text edits to a file on disk (as an editor would, then save). */
function applyToDisk(changes: Record<string, Edit[]>): void {
  for (const [uri, edits] of Object.entries(changes)) {
    const file = fileURLToPath(uri);
    const text = fs.readFileSync(file, 'utf8');
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const off = (p: Edit['range']['start']) => starts[p.line] + p.character;
    let out = text;
    for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
    fs.writeFileSync(file, out);
  }
}

function openssl(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** The public key of a certificate and of a key, as openssl prints them. */
function pubOfCert(f: string): string { return openssl(['x509', '-in', f, '-noout', '-pubkey']).out; }
function pubOfKey(f: string): string { return openssl(['pkey', '-in', f, '-pubout']).out; }

type Action = { title: string; command?: { command: string; arguments: unknown[] } };

describe('generate actions over LSP', () => {
  const pki = path.join(root, 'pki');
  const soon = path.join(pki, 'api.example.com.crt');
  const conf = path.join(root, 'site.conf');
  let client: LspClient;

  before(async () => {
    // A CA and a certificate that expires 10 days after the fixture clock, its key beside it.
    const start = new Date(FIXTURE_NOW.getTime() - 355 * 86_400_000).toISOString();
    assert.equal(cli(['generate', 'ca', '--cn', 'LSP Root', '--out', pki, '--now', start]).status, 0);
    assert.equal(cli(['generate', 'server', '--dns', 'api.example.com', '--days', '365', '--ca', path.join(pki, 'ca.crt'), '--ca-key', path.join(pki, 'ca.key'), '--out', pki, '--now', start]).status, 0);
    fs.writeFileSync(conf, 'server {\n    listen 443 ssl;\n    server_name api.example.com www.example.com;\n    ssl_certificate pki/api.example.com.crt;\n    ssl_certificate_key pki/api.example.com.key;\n}\n\nserver {\n    listen 8443 ssl;\n    server_name new.example.com;\n    ssl_certificate certs/new.crt;\n    ssl_certificate_key certs/new.key;\n}\n');
    client = new LspClient();
    client.conn.onRequest('workspace/applyEdit', (p: { edit: { changes: Record<string, Edit[]> } }) => {
      applyToDisk(p.edit.changes);
      // As VS Code's file watcher would tell the server.
      void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: Object.keys(p.edit.changes).map((uri) => ({ uri, type: 2 })) });
      return { applied: true };
    });
    client.conn.onNotification('window/showMessage', () => undefined);
    await client.initializeWorkspace(root);
  });
  after(() => client.shutdown());

  it('the bundles the client offers come from the server (every product with a recipe, and nginx)', async () => {
    const bundles = await client.conn.sendRequest('tlsLens/bundles') as { id: string; title: string; description: string }[];
    assert.deepEqual(bundles.map((b) => b.id), BUNDLES.map((b) => b.id));
    assert.ok(bundles.every((b) => b.title && b.description.length > 20), JSON.stringify(bundles));
  });

  it('expiring soon: "Renew" asks before replacing the key, then renews in place; the warning goes', async () => {
    const uri = pathToFileURL(soon).href;
    await client.open(uri, 'pem', fs.readFileSync(soon, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'pem/cert-expiring-soon'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'pem/cert-expiring-soon')) as Action[];
    const renew = actions.find((a) => /^Renew 'api\.example\.com'/.test(a.title));
    assert.ok(renew?.command, JSON.stringify(actions));
    assert.equal(renew.command.command, 'tlsLens.server.generate');
    const oldKey = fs.readFileSync(path.join(pki, 'api.example.com.key'), 'utf8');
    // As a code action runs it: the key would be replaced, so nothing is done.
    const asked = await client.conn.sendRequest('workspace/executeCommand', renew.command) as { status: string; message: string };
    assert.equal(asked.status, 'confirm');
    assert.match(asked.message, /replaces the private key in api\.example\.com\.key/);
    assert.equal(fs.readFileSync(path.join(pki, 'api.example.com.key'), 'utf8'), oldKey);
    // With consent (what TLS Lens's VS Code client sends after its modal): made and applied.
    const args = { ...(renew.command.arguments[0] as object), force: true };
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [args] }) as { status: string; title: string };
    assert.equal(made.status, 'made', JSON.stringify(made));
    assert.match(made.title, /Renewed CN=api\.example\.com until/);
    assert.notEqual(fs.readFileSync(path.join(pki, 'api.example.com.key'), 'utf8'), oldKey, 'a new key');
    assert.equal(pubOfCert(soon), pubOfKey(path.join(pki, 'api.example.com.key')), 'the renewed certificate and the new key belong together');
    const v = openssl(['verify', '-CAfile', path.join(pki, 'ca.crt'), '-purpose', 'sslserver', '-verify_hostname', 'api.example.com', '-attime', String(Math.floor(FIXTURE_NOW.getTime() / 1000) + 60), soon]);
    assert.equal(v.status, 0, v.out);
    client.reset(uri);
    await client.change(uri, 2, fs.readFileSync(soon, 'utf8'));
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'pem/cert-expiring-soon'));
  });

  it('a hostname the certificate misses: "Re-issue" adds it, keeping the other names', async () => {
    const uri = pathToFileURL(conf).href;
    await client.open(uri, 'nginx', fs.readFileSync(conf, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'xref/hostname-not-covered')) as Action[];
    const reissue = actions.find((a) => /^Re-issue 'api\.example\.com' to cover www\.example\.com/.test(a.title));
    assert.ok(reissue?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ ...(reissue.command.arguments[0] as object), force: true }] }) as { status: string };
    assert.equal(made.status, 'made', JSON.stringify(made));
    const text = openssl(['x509', '-in', soon, '-noout', '-ext', 'subjectAltName']).out;
    assert.match(text, /DNS:api\.example\.com, DNS:www\.example\.com/);
    assert.equal(pubOfCert(soon), pubOfKey(path.join(pki, 'api.example.com.key')));
  });

  it('a certificate file the configuration names and the workspace lacks: made there, signed by the workspace CA', async () => {
    const uri = pathToFileURL(conf).href;
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/unresolved-reference'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'xref/unresolved-reference')) as Action[];
    const create = actions.find((a) => /^Generate 'certs\/new\.crt': a server certificate for new\.example\.com/.test(a.title));
    assert.ok(create?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await client.conn.sendRequest('workspace/executeCommand', create.command) as { status: string; files: { path: string }[] };
    assert.equal(made.status, 'made', JSON.stringify(made));
    assert.deepEqual(made.files.map((f) => f.path).filter((p) => p !== 'README.md').sort(), ['new.crt', 'new.key']);
    assert.equal(fs.statSync(path.join(root, 'certs', 'new.key')).mode & 0o777, 0o600);
    const v = openssl(['verify', '-CAfile', path.join(pki, 'ca.crt'), '-purpose', 'sslserver', '-verify_hostname', 'new.example.com', '-attime', String(Math.floor(FIXTURE_NOW.getTime() / 1000) + 60), path.join(root, 'certs', 'new.crt')]);
    assert.equal(v.status, 0, v.out);
    // Run again: the files exist now, and nothing is replaced without consent.
    const again = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ ...(create.command.arguments[0] as object), apply: false }] }) as { status: string; existing: string[] };
    assert.equal(again.status, 'exists');
    assert.deepEqual([...again.existing].sort(), ['new.crt', 'new.key']);
  });
});

describe('generate actions over LSP: a Secret and a wrong role', () => {
  const ws = path.join(root, 'k8s-ws');
  let client: LspClient;
  before(async () => {
    const start = new Date(FIXTURE_NOW.getTime() - 30 * 86_400_000).toISOString();
    const pki = path.join(ws, 'pki');
    const ca = ['--ca', path.join(pki, 'ca.crt'), '--ca-key', path.join(pki, 'ca.key')];
    assert.equal(cli(['generate', 'ca', '--cn', 'K8s Root', '--out', pki, '--now', start]).status, 0);
    assert.equal(cli(['generate', 'server', '--dns', 'a.example', ...ca, '--out', path.join(ws, 'tmp'), '--now', start]).status, 0);
    assert.equal(cli(['generate', 'secret', path.join(ws, 'tmp', 'a.example.crt'), path.join(ws, 'tmp', 'a.example.key'), '--name', 'web-tls', '--namespace', 'default', '--ca', path.join(pki, 'ca.crt'), '--out', path.join(ws, 'k8s')]).status, 0);
    fs.rmSync(path.join(ws, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'k8s', 'ingress.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: default\nspec:\n  tls:\n    - hosts: [a.example, b.example]\n      secretName: web-tls\n  rules:\n    - host: a.example\n    - host: b.example\n');
    assert.equal(cli(['generate', 'client', '--cn', 'edge.example', '--dns', 'edge.example', ...ca, '--out', path.join(ws, 'edge'), '--now', start]).status, 0);
    fs.writeFileSync(path.join(ws, 'edge.conf'), 'server {\n    listen 443 ssl;\n    server_name edge.example;\n    ssl_certificate edge/edge.example.crt;\n    ssl_certificate_key edge/edge.example.key;\n}\n');
    client = new LspClient();
    await client.initializeWorkspace(ws);
  });
  after(() => client.shutdown());

  it('a Secret whose certificate misses a host: re-issued in the Secret (tls.crt and tls.key, base64)', async () => {
    const ingress = path.join(ws, 'k8s', 'ingress.yaml');
    const uri = pathToFileURL(ingress).href;
    await client.open(uri, 'yaml', fs.readFileSync(ingress, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'xref/hostname-not-covered')) as Action[];
    const reissue = actions.find((a) => /^Re-issue 'a\.example' to cover b\.example/.test(a.title));
    assert.ok(reissue?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ kind: 'fix', fix: (reissue.command.arguments[0] as { fix: unknown }).fix, force: true }] }) as { status: string; edit: { changes: Record<string, Edit[]> } };
    assert.equal(made.status, 'made', JSON.stringify(made));
    applyToDisk(made.edit.changes);
    const secret = fs.readFileSync(path.join(ws, 'k8s', 'web-tls.yaml'), 'utf8');
    const value = (k: string) => Buffer.from(new RegExp(`${k.replace('.', '\\.')}: (\\S+)`).exec(secret)![1], 'base64').toString('utf8');
    fs.writeFileSync(path.join(ws, 'crt.pem'), value('tls.crt'));
    fs.writeFileSync(path.join(ws, 'key.pem'), value('tls.key'));
    assert.match(openssl(['x509', '-in', path.join(ws, 'crt.pem'), '-noout', '-ext', 'subjectAltName']).out, /DNS:a\.example, DNS:b\.example/);
    assert.equal(pubOfCert(path.join(ws, 'crt.pem')), pubOfKey(path.join(ws, 'key.pem')));
    const check = cli(['check', '--format', 'json', path.join(ws, 'k8s'), path.join(ws, 'pki')], { cwd: ws });
    assert.deepEqual((JSON.parse(check.stdout) as { code: string }[]).map((f) => f.code), []);
  });

  it('a Secret whose key is not its certificate\'s: a new pair, in place', async () => {
    const start = new Date(FIXTURE_NOW.getTime() - 30 * 86_400_000).toISOString();
    const pki = path.join(ws, 'pki');
    const tmp = path.join(ws, 'pair');
    for (const n of ['one.example', 'two.example']) assert.equal(cli(['generate', 'server', '--dns', n, '--ca', path.join(pki, 'ca.crt'), '--ca-key', path.join(pki, 'ca.key'), '--out', tmp, '--now', start]).status, 0);
    const b64 = (f: string) => fs.readFileSync(path.join(tmp, f)).toString('base64');
    const file = path.join(ws, 'k8s', 'mismatch.yaml');
    fs.writeFileSync(file, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: one-tls\n  namespace: default\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64('one.example.crt')}\n  tls.key: ${b64('two.example.key')}\n`);
    fs.rmSync(tmp, { recursive: true });
    const uri = pathToFileURL(file).href;
    await client.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/key-mismatch'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'xref/key-mismatch')) as Action[];
    const pair = actions.find((a) => /^Generate a new key pair: re-issue 'one\.example'/.test(a.title));
    assert.ok(pair?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ kind: 'fix', fix: (pair.command.arguments[0] as { fix: unknown }).fix, force: true }] }) as { status: string; edit: { changes: Record<string, Edit[]> } };
    assert.equal(made.status, 'made', JSON.stringify(made));
    applyToDisk(made.edit.changes);
    const text = fs.readFileSync(file, 'utf8');
    const value = (k: string) => Buffer.from(new RegExp(`${k.replace('.', '\\.')}: (\\S+)`).exec(text)![1], 'base64').toString('utf8');
    fs.writeFileSync(path.join(ws, 'crt2.pem'), value('tls.crt'));
    fs.writeFileSync(path.join(ws, 'key2.pem'), value('tls.key'));
    assert.equal(pubOfCert(path.join(ws, 'crt2.pem')), pubOfKey(path.join(ws, 'key2.pem')), 'a matching pair');
    assert.match(openssl(['x509', '-in', path.join(ws, 'crt2.pem'), '-noout', '-ext', 'subjectAltName']).out, /DNS:one\.example/);
    client.reset(uri);
    await client.change(uri, 2, text);
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'xref/key-mismatch'));
  });

  it('a client certificate serving TLS: re-issued with serverAuth too', async () => {
    const crt = path.join(ws, 'edge', 'edge.example.crt');
    const uri = pathToFileURL(crt).href;
    await client.open(uri, 'pem', fs.readFileSync(crt, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/wrong-role'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'xref/wrong-role')) as Action[];
    const reissue = actions.find((a) => /^Re-issue 'edge\.example' with serverAuth and clientAuth/.test(a.title));
    assert.ok(reissue?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ kind: 'fix', fix: (reissue.command.arguments[0] as { fix: unknown }).fix, force: true }] }) as { status: string; edit: { changes: Record<string, Edit[]> } };
    assert.equal(made.status, 'made', JSON.stringify(made));
    applyToDisk(made.edit.changes);
    assert.match(openssl(['x509', '-in', crt, '-noout', '-ext', 'extendedKeyUsage']).out, /TLS Web Server Authentication, TLS Web Client Authentication/);
    const v = openssl(['verify', '-CAfile', path.join(ws, 'pki', 'ca.crt'), '-purpose', 'sslserver', '-attime', String(Math.floor(FIXTURE_NOW.getTime() / 1000) + 60), crt]);
    assert.equal(v.status, 0, v.out);
  });
});

describe('generate actions in Restricted Mode', () => {
  it('offers none, and the command refuses', async () => {
    const ws = fs.mkdtempSync(path.join(root, 'untrusted-'));
    const file = path.join(ws, 'old.pem');
    const start = new Date(FIXTURE_NOW.getTime() - 400 * 86_400_000).toISOString();
    assert.equal(cli(['generate', 'server', '--dns', 'old.example', '--days', '30', '--out', ws, '--name', 'old', '--now', start]).status, 0);
    fs.renameSync(path.join(ws, 'old.crt'), file);
    const client = new LspClient();
    try {
      await client.initializeWorkspace(ws, { trusted: false });
      const uri = pathToFileURL(file).href;
      await client.open(uri, 'pem', fs.readFileSync(file, 'utf8'));
      const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'pem/cert-expired'));
      const actions = await client.codeActions(uri, diags) as Action[];
      assert.deepEqual(actions.filter((a) => a.command), []);
      const r = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ kind: 'ca', out: path.join(ws, 'pki'), cn: 'X' }] }) as { status: string; message: string };
      assert.equal(r.status, 'error');
      assert.match(r.message, /Restricted Mode/);
      assert.ok(!fs.existsSync(path.join(ws, 'pki')));
    } finally {
      await client.shutdown();
    }
  });
});

describe('generate over LSP: what the server just wrote', () => {
  const ws = fs.mkdtempSync(path.join(root, 'fresh-'));
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    // The edit is applied, and no didChangeWatchedFiles is sent: the server must know what it wrote.
    client.conn.onRequest('workspace/applyEdit', (p: { edit: { changes: Record<string, Edit[]> } }) => { applyToDisk(p.edit.changes); return { applied: true }; });
    client.conn.onNotification('window/showMessage', () => undefined);
    await client.initializeWorkspace(ws);
  });
  after(() => client.shutdown());

  it('right after the server made a CA and a certificate (before any file-watcher event), "Renew" finds the CA and its key', async () => {
    // The server has scanned the workspace before anything is made: a reference to a missing
    // Secret is reported only once the index is complete.
    const probe = path.join(ws, 'probe.yaml');
    fs.writeFileSync(probe, 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: probe\n  namespace: default\nspec:\n  tls:\n    - secretName: probe-tls\n      hosts:\n        - probe.example.com\n  rules:\n    - host: probe.example.com\n');
    await client.open(pathToFileURL(probe).href, 'yaml', fs.readFileSync(probe, 'utf8'));
    await client.diagnosticsFor(pathToFileURL(probe).href, (d) => d.some((x) => x.code === 'xref/unresolved-reference'));
    const out = path.join(ws, 'pki');
    const run = (args: object) => client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [args] }) as Promise<{ status: string; message?: string }>;
    assert.equal((await run({ kind: 'ca', out, cn: 'Fresh Root', key: 'ec-p256', days: 3650 })).status, 'made');
    assert.equal((await run({ kind: 'server', out, names: ['fresh.example.com'], key: 'ec-p256', days: 10, caFile: path.join(out, 'ca.crt'), caKeyFile: path.join(out, 'ca.key') })).status, 'made');
    const crt = path.join(out, 'fresh.example.com.crt');
    const uri = pathToFileURL(crt).href;
    await client.open(uri, 'pem', fs.readFileSync(crt, 'utf8'));
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'pem/cert-expiring-soon'));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'pem/cert-expiring-soon')) as Action[];
    const renew = actions.find((a) => /^Renew 'fresh\.example\.com'/.test(a.title));
    assert.ok(renew?.command, JSON.stringify(actions.map((a) => a.title)));
    const made = await run({ ...(renew.command.arguments[0] as object), force: true });
    assert.equal(made.status, 'made', JSON.stringify(made));
  });
});

describe('generate over LSP: a certificate inside a keystore', () => {
  const dir = path.join(root, 'keystore');
  const store = path.join(dir, 'gate.p12');
  const yaml = path.join(dir, 'spinnaker.yaml');
  let client: LspClient;

  before(async () => {
    const day = (n: number) => new Date(FIXTURE_NOW.getTime() + n * 86_400_000);
    const ca = await createCertificate({ subject: 'CN=Spinnaker CA', key: { type: 'ec', curve: 'P-256' }, notBefore: day(-400), notAfter: day(3000), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
    const gate = await createCertificate({ subject: 'CN=spin-gate', key: { type: 'ec', curve: 'P-256' }, issuer: ca, notBefore: day(-355), notAfter: day(10), san: ['spin-gate.spinnaker'], ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth', 'clientAuth'] });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'ca.pem'), certificatePem(ca.cert));
    fs.writeFileSync(path.join(dir, 'ca.key'), privateKeyPem(ca.keys), { mode: 0o600 });
    fs.writeFileSync(store, await keystore(privateKeyDer(gate.keys), [gate.cert.der, ca.cert.der], 'spin-gate', 'changeit'), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'echo.jks'), jksKeystore([{ alias: 'spin-echo', chain: [gate.cert.der, ca.cert.der] }]), { mode: 0o600 });
    const profile = (svc: string, file: string, type: string) => [`      ${svc}:`, '        server:', '          ssl:', '            enabled: true', `            key-store: ${file}`, `            key-store-type: ${type}`, '            key-store-password: changeit'];
    fs.writeFileSync(yaml, ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', ...profile('gate', 'gate.p12', 'PKCS12'), ...profile('echo', 'echo.jks', 'JKS'), ''].join('\n'));
    client = new LspClient();
    client.conn.onRequest('workspace/applyEdit', () => ({ applied: true }));
    client.conn.onNotification('window/showMessage', () => undefined);
    await client.initializeWorkspace(dir);
  });
  after(() => client.shutdown());

  it('"Renew" on the keystore reference asks first, then writes the keystore again: same alias and password, a new key, signed by the CA', async () => {
    const uri = pathToFileURL(yaml).href;
    await client.open(uri, 'yaml', fs.readFileSync(yaml, 'utf8'));
    const soonOn = (d: Diagnostic[], line: number) => d.some((x) => x.code === 'pem/cert-expiring-soon' && x.range.start.line === line);
    const diags = await client.diagnosticsFor(uri, (d) => soonOn(d, 11) && soonOn(d, 18));
    const onGate = diags.filter((x) => x.code === 'pem/cert-expiring-soon' && x.range.start.line === 11);
    const actions = await client.codeActions(uri, onGate) as Action[];
    const renew = actions.find((a) => /^Renew 'spin-gate' in keystore 'gate\.p12'/.test(a.title));
    assert.ok(renew?.command, JSON.stringify(actions.map((a) => a.title)));
    const before = fs.readFileSync(store);
    const asked = await client.conn.sendRequest('workspace/executeCommand', renew.command) as { status: string; message: string };
    assert.equal(asked.status, 'confirm', JSON.stringify(asked));
    assert.match(asked.message, /writes gate\.p12 again, with a new private key/);
    assert.ok(fs.readFileSync(store).equals(before), 'nothing written without consent');
    const made = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ ...(renew.command.arguments[0] as object), force: true }] }) as { status: string; title: string };
    assert.equal(made.status, 'made', JSON.stringify(made));
    assert.match(made.title, /Renewed CN=spin-gate in gate\.p12 until/);
    assert.equal(fs.statSync(store).mode & 0o777, 0o600);
    // openssl reads it with the configuration's password: the alias, the renewed certificate and its key.
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const dump = openssl(['pkcs12', '-in', store, '-passin', 'pass:changeit', '-nodes']);
    assert.match(dump.out, /friendlyName: spin-gate/);
    fs.writeFileSync(path.join(out, 'all.pem'), dump.out);
    const leaf = path.join(out, 'leaf.pem');
    fs.writeFileSync(leaf, openssl(['pkcs12', '-in', store, '-passin', 'pass:changeit', '-nokeys', '-clcerts']).out);
    fs.writeFileSync(path.join(out, 'key.pem'), openssl(['pkcs12', '-in', store, '-passin', 'pass:changeit', '-nocerts', '-nodes']).out, { mode: 0o600 });
    assert.equal(pubOfCert(leaf), pubOfKey(path.join(out, 'key.pem')), 'the renewed certificate and the key in the store belong together');
    assert.notEqual(pubOfCert(leaf), '', 'a certificate was read');
    const v = openssl(['verify', '-CAfile', path.join(dir, 'ca.pem'), '-purpose', 'sslserver', '-verify_hostname', 'spin-gate.spinnaker', '-attime', String(Math.floor(FIXTURE_NOW.getTime() / 1000) + 200 * 86_400), leaf]);
    assert.equal(v.status, 0, v.out);
    // The finding on gate goes once the index sees the new store (as the editor's watcher tells it).
    client.reset(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(store).href, type: 2 }] });
    await client.change(uri, 2, fs.readFileSync(yaml, 'utf8'));
    // The state asserted: gate's finding gone, echo's (a JKS store, not renewed) still there.
    await client.diagnosticsFor(uri, (d) => !soonOn(d, 11) && soonOn(d, 18));
  });

  it('a JKS keystore is not rewritten: the message says how to convert it', async () => {
    const uri = pathToFileURL(yaml).href;
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'pem/cert-expiring-soon' && x.range.start.line === 18));
    const actions = await client.codeActions(uri, diags.filter((x) => x.code === 'pem/cert-expiring-soon' && x.range.start.line === 18)) as Action[];
    const renew = actions.find((a) => /^Renew 'spin-gate' in keystore 'echo\.jks'/.test(a.title));
    assert.ok(renew?.command, JSON.stringify(actions.map((a) => a.title)));
    const before = fs.readFileSync(path.join(dir, 'echo.jks'));
    const r = await client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [{ ...(renew.command.arguments[0] as object), force: true }] }) as { status: string; message: string };
    assert.equal(r.status, 'error', JSON.stringify(r));
    assert.match(r.message, /echo\.jks is a JKS keystore, and TLS Lens writes PKCS#12: convert it \(keytool -importkeystore/);
    assert.ok(fs.readFileSync(path.join(dir, 'echo.jks')).equals(before));
  });
});

describe('generate over LSP: hostile places and names (issue 19 §1, the same checks as the CLI)', () => {
  const base = fs.mkdtempSync(path.join(root, 'hostile-'));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  let client: LspClient;
  before(async () => {
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    // A link committed in the repository, as the output folder of the palette's default.
    fs.symlinkSync('../outside', path.join(ws, 'pki'));
    fs.writeFileSync(path.join(ws, 'values.yaml'), 'api:\n  hostName: o.example.com\n  certificateSecretName: "x;touch PWNED;#"\nglobal:\n  secretVaultExternalHostName: v.example.com\nenv:\n  OPSCHAIN_API_HOST_NAME: o.example.com\n');
    client = new LspClient();
    client.conn.onNotification('window/showMessage', () => undefined);
    await client.initializeWorkspace(ws);
  });
  after(() => client.shutdown());
  const run = (args: object) => client.conn.sendRequest('workspace/executeCommand', { command: 'tlsLens.server.generate', arguments: [args] }) as Promise<{ status: string; message?: string }>;

  it('an output folder that is a link is refused, naming it; nothing reaches its target', async () => {
    const r = await run({ kind: 'ca', out: path.join(ws, 'pki'), cn: 'Linked Root' });
    assert.equal(r.status, 'error', JSON.stringify(r));
    assert.match(r.message!, /pki is a symbolic link \(to \.\.\/outside\)/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('a Secret name no Kubernetes accepts is refused before anything is written', async () => {
    const out = path.join(ws, 'certs');
    const r = await run({ kind: 'bundle', out, product: 'opschain', paths: [path.join(ws, 'values.yaml')] });
    assert.equal(r.status, 'error', JSON.stringify(r));
    assert.match(r.message!, /the Secret name 'x;touch PWNED;#' is not a Kubernetes object name/);
    assert.ok(!fs.existsSync(out), 'nothing written');
  });
});
