// The inventory: the model (workspace/inventory.ts) on a fixture workspace, and `tls-lens
// inventory` in its four formats, its JSON contract (schemas/inventory-output.schema.json) and
// its exit status.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { NodeHost } from '../../server/src/host';
import { languageFor } from '../../server/src/workspace/files';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { buildInventory } from '../../server/src/workspace/inventory';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES, ROOT } from '../helpers/paths';
import { cli } from '../helpers/run';
import { testEngine } from '../helpers/engine';

function indexOf(dir: string): WorkspaceIndex {
  const index = testEngine({ host: new NodeHost({ roots: [dir], trusted: true }), workspace: true }).workspace!;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const text = fs.readFileSync(p, 'latin1').includes('\0') ? undefined : fs.readFileSync(p, 'utf8'); const lang = text === undefined ? undefined : languageFor(p, text); if (text !== undefined && lang) index.updateFromText(p, text, lang); }
    }
  };
  walk(dir);
  index.complete = true;
  return index;
}

describe('inventory model', () => {
  const examples = path.join(ROOT, 'examples');
  const inv = buildInventory(indexOf(examples), FIXTURE_NOW, 30);

  it('one entry per certificate, sorted by expiry, with statuses and counts at the clock', () => {
    assert.deepEqual(inv.certificates.map((c) => c.commonName), ['legacy.example.com', 'app.example.com', 'TLS Lens Test Intermediate CA', 'TLS Lens Legacy RSA CA', 'TLS Lens Test Root CA']);
    assert.equal(new Set(inv.certificates.map((c) => c.sha256)).size, inv.certificates.length);
    assert.deepEqual(inv.counts, { expired: 1, expiring: 0, valid: 4, 'not-yet-valid': 0 });
    assert.equal(inv.certificates[0].status, 'expired');
    assert.equal(inv.certificates[0].daysLeft, -152);
  });

  it('where each lives (files, Secret values, ConfigMaps) and what uses it across files, with the hosts it covers', () => {
    const app = inv.certificates.find((c) => c.commonName === 'app.example.com')!;
    assert.deepEqual(app.locations.map((l) => [path.relative(examples, l.file), l.line, l.what]), [['certs/app.example.com/fullchain.pem', 1, undefined], ['k8s/app-tls.yaml', 8, 'Secret default/app-tls tls.crt']]);
    const nginx = app.usedBy.find((u) => u.what === 'nginx ssl_certificate')!;
    assert.equal(path.relative(examples, nginx.file), 'nginx/site.conf');
    assert.equal(nginx.line, 5);
    assert.deepEqual(nginx.hosts, [{ name: 'app.example.com', covered: true }, { name: 'shop.example.com', covered: false }]);
    assert.ok(app.usedBy.some((u) => u.what === 'Ingress tls[0].secretName'), JSON.stringify(app.usedBy.map((u) => u.what)));
    const root = inv.certificates.find((c) => c.commonName === 'TLS Lens Test Root CA')!;
    assert.ok(root.locations.some((l) => l.what === 'ConfigMap openchoreo-control-plane/cluster-gateway-ca ca.crt'));
    // The chain as a tree: each certificate knows the workspace certificate that issued it.
    const inter = inv.certificates.find((c) => c.commonName === 'TLS Lens Test Intermediate CA')!;
    assert.equal(app.issuedBy, inter.sha256);
    assert.equal(inter.issuedBy, root.sha256);
    assert.equal(root.issuedBy, undefined);
  });

  it('certificates inside a keystore a configuration names, with its alias', () => {
    const dir = path.join(FIXTURES, 'pem/ok-bundle-order-keystore');
    const store = buildInventory(indexOf(dir), FIXTURE_NOW, 30);
    const echo = store.certificates.find((c) => c.commonName === 'spin-echo')!;
    assert.deepEqual(echo.locations.map((l) => [path.basename(l.file), l.what]), [['echo.p12', 'keystore echo.p12 (alias spin-echo)']]);
    assert.deepEqual(echo.usedBy.map((u) => [path.basename(u.file), u.what]), [['spinnaker.yaml', 'echo server.ssl.key-store']]);
    const gate = store.certificates.find((c) => c.commonName === 'spin-gate')!;
    assert.equal(gate.locations[0].what, 'keystore gate.jks (alias spin-gate)');
  });
});

describe('inventory generation: what makes the view rebuild', () => {
  it('moves when certificates, references or their lines change, not on a keystroke inside a value', () => {
    const examples = path.join(ROOT, 'examples');
    const index = indexOf(examples);
    const conf = path.join(examples, 'nginx/site.conf');
    const text = fs.readFileSync(conf, 'utf8');
    const g0 = index.inventoryGeneration;
    index.updateFromText(conf, text.replace('max-age=63072000', 'max-age=63072001'), 'nginx');
    assert.equal(index.inventoryGeneration, g0, 'a keystroke in a header value');
    index.updateFromText(conf, `# a new first line\n${text}`, 'nginx');
    assert.equal(index.inventoryGeneration, g0 + 1, 'the ssl_certificate line moved');
    index.updateFromText(conf, `# a new first line\n${text.replace(/server_name (.*) shop\.example\.com/, 'server_name $1 shop2.example.com')}`, 'nginx');
    assert.equal(index.inventoryGeneration, g0 + 2, 'a server_name changed');
    const secret = path.join(examples, 'k8s/app-tls.yaml');
    const yaml = fs.readFileSync(secret, 'utf8');
    index.updateFromText(secret, yaml.replace(/tls\.crt: \S+/, 'tls.crt: ""'), 'yaml');
    assert.equal(index.inventoryGeneration, g0 + 3, 'the Secret lost its certificate');
    // A keystore in a Secret's data: another keystore (same length or not) is another inventory.
    const store = (bytes: string) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: spin-secrets', 'data:', `  gate.p12: ${Buffer.from(bytes).toString('base64')}`, ''].join('\n');
    const secretFile = path.join(examples, 'k8s/spin-secrets.yaml');
    index.updateFromText(secretFile, store('keystore bytes one'), 'yaml');
    const g1 = index.inventoryGeneration;
    index.updateFromText(secretFile, store('keystore bytes two'), 'yaml');
    assert.equal(index.inventoryGeneration, g1 + 1, 'the keystore in the Secret changed');
    index.updateFromText(secretFile, store('keystore bytes two') + '# a comment\n', 'yaml');
    assert.equal(index.inventoryGeneration, g1 + 1, 'a comment after it');
  });
});

describe('tls-lens inventory', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/inventory-output.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('json: the contract, sorted by expiry, lines 1-based; exit 1 when something has expired', () => {
    const r = cli(['inventory', '--format', 'json', 'examples']);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { certificates: { notAfter: string; commonName?: string; locations: unknown[]; usedBy: { what: string }[]; sha256: string }[] };
    assert.ok(validate(out), JSON.stringify(validate.errors));
    const notAfter = out.certificates.map((c) => c.notAfter);
    assert.deepEqual(notAfter, [...notAfter].sort());
    const app = out.certificates.find((c) => c.commonName === 'app.example.com')!;
    assert.deepEqual(app.locations[0], { file: 'examples/certs/app.example.com/fullchain.pem', line: 1 });
    assert.deepEqual(app.usedBy.find((u) => u.what === 'nginx ssl_certificate'), { file: 'examples/nginx/site.conf', line: 5, what: 'nginx ssl_certificate', hosts: [{ name: 'app.example.com', covered: true }, { name: 'shop.example.com', covered: false }] });
    assert.match(app.sha256, /^[0-9a-f]{64}$/);
  });

  it('exit status: 0 when nothing expires within the window, 1 when something does, 2 on a usage error', () => {
    assert.equal(cli(['inventory', 'examples/certs/app.example.com']).status, 0);
    const soon = cli(['inventory', '--expiring-within', '400d', 'examples/certs/app.example.com']);
    assert.equal(soon.status, 1);
    assert.match(soon.stdout, /! CN=app\.example\.com — expires in 397 days/);
    assert.match(soon.stdout, /3 certificates: 0 expired, 1 expiring within 400 days, 2 valid/);
    const bad = cli(['inventory', '--expiring-within', 'soon', 'examples']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--expiring-within takes a number of days such as 30d, got 'soon'/);
  });

  it('text, csv and markdown', () => {
    const text = cli(['inventory', 'examples']).stdout;
    assert.match(text, /^✗ CN=legacy\.example\.com — expired 152 days ago \(notAfter 2025-12-31\), RSA 1024 bits$/m);
    assert.match(text, /used by: nginx ssl_certificate \(examples\/nginx\/site\.conf:5\) \[app\.example\.com, not shop\.example\.com\]/);
    const csv = cli(['inventory', '--format', 'csv', 'examples']).stdout.split('\r\n');
    assert.equal(csv[0], 'subject,dnsNames,issuer,notAfter,daysLeft,status,key,ca,locations,usedBy,sha256');
    assert.match(csv[2], /^CN=app\.example\.com,app\.example\.com www\.example\.com,"O=TLS Lens, CN=TLS Lens Test Intermediate CA",2027-07-03T00:00:00\.000Z,397,valid,/);
    const md = cli(['inventory', '--format', 'markdown', 'examples']).stdout.split('\n');
    assert.equal(md[0], '| Status | Expires | Subject | Names | Issuer | Key | Where | Used by |');
    assert.match(md[2], /^\| \*\*expired\*\* \| 2025-12-31 \(expired 152 days ago\) \| CN=legacy\.example\.com \|/);
  });

  it('a pipe in a subject is escaped in markdown, a quote doubled in csv', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-inventory-'));
    try {
      const { createCertificate, certificatePem } = await import('../../server/src/x509/generate.js');
      const c = await createCertificate({ subject: 'CN=a|b "quoted", O=x', key: { type: 'ec', curve: 'P-256' }, notBefore: new Date(FIXTURE_NOW.getTime() - 86_400_000), notAfter: new Date(FIXTURE_NOW.getTime() + 90 * 86_400_000), san: ['a.example'] });
      fs.writeFileSync(path.join(dir, 'odd.pem'), certificatePem(c.cert));
      const md = cli(['inventory', '--format', 'markdown', '.'], { cwd: dir }).stdout;
      assert.match(md, /a\\\|b/);
      const csv = cli(['inventory', '--format', 'csv', '.'], { cwd: dir }).stdout;
      // RFC 4514 escapes the quotes in the subject (\"), and CSV doubles each quote character.
      assert.ok(csv.split('\r\n')[1].startsWith('"CN=a|b \\""quoted\\"", O=x",a.example,'), csv);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a certificate in any YAML block scalar is listed where check reports it (the server\'s scan too)', () => {
    const fixture = 'test/fixtures/pem/bad-cert-expired-yaml-value.yaml';
    const check = cli(['check', '--format', 'json', fixture]);
    const finding = (JSON.parse(check.stdout) as { code: string; range: { start: { line: number } } }[]).find((f) => f.code === 'pem/cert-expired');
    assert.ok(finding, check.stdout);
    const r = cli(['inventory', '--format', 'json', fixture]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { certificates: { commonName?: string; status: string; locations: { file: string; line: number; what?: string }[] }[] };
    assert.ok(validate(out), JSON.stringify(validate.errors));
    assert.deepEqual(out.certificates.map((c) => [c.commonName, c.status, c.locations]), [['app.example.com', 'expired', [{ file: fixture, line: finding.range.start.line + 1 }]]]);
    // The language server's index reads files from disk (updateFromText): the same certificate.
    const index = testEngine({ host: new NodeHost({ roots: [ROOT], trusted: true }), workspace: true }).workspace!;
    index.updateFromText(path.join(ROOT, fixture), fs.readFileSync(path.join(ROOT, fixture), 'utf8'), 'yaml');
    assert.deepEqual(buildInventory(index, FIXTURE_NOW, 30).certificates.map((c) => c.commonName), ['app.example.com']);
  });

  it('says which files it skipped for their size: on stderr, and as `skipped` in json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-inventory-'));
    try {
      const pem = fs.readFileSync(path.join(ROOT, 'examples/certs/app.example.com/fullchain.pem'), 'utf8');
      fs.writeFileSync(path.join(dir, 'small.pem'), pem.slice(0, pem.indexOf('-----END CERTIFICATE-----') + 26));
      fs.writeFileSync(path.join(dir, 'big.pem'), pem + '#'.repeat(2048));
      // A folder walk passes over big.pem; a file named explicitly is skipped the same way.
      for (const args of [['.'], ['big.pem', 'small.pem']]) {
        const json = cli(['inventory', '--format', 'json', '--max-file-size-kb', '2', ...args], { cwd: dir });
        const out = JSON.parse(json.stdout) as { certificates: unknown[]; skipped: unknown[] };
        assert.ok(validate(out), JSON.stringify(validate.errors));
        assert.equal(out.certificates.length, 1, args.join(' '));
        assert.deepEqual(out.skipped, [{ file: 'big.pem', reason: 'too-large', sizeKB: 5, limitKB: 2 }]);
        assert.match(json.stderr, /^tls-lens: skipped 1 file\(s\) over 2 KiB: big\.pem$/m);
        const text = cli(['inventory', '--max-file-size-kb', '2', ...args], { cwd: dir });
        assert.match(text.stderr, /^tls-lens: skipped 1 file\(s\) over 2 KiB: big\.pem$/m);
        assert.match(text.stdout, /^1 certificate: /m);
      }
      // Nothing skipped: nothing said, and an empty list.
      const none = cli(['inventory', '--format', 'json', 'small.pem'], { cwd: dir });
      assert.equal(none.stderr, '');
      assert.deepEqual((JSON.parse(none.stdout) as { skipped: unknown[] }).skipped, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
