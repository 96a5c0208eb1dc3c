// The inventory over LSP: the request behind the TLS Certificates view (grouping data, who uses
// what across files, the Renew it offers), CodeLens on references and certificates, the change
// notification when a certificate appears, and Copy PEM / Show Details.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../helpers/lsp';
import { ROOT } from '../helpers/paths';

interface Item { label: string; status: string; daysLeft: number; sha256: string; issuedBy?: string; locations: { uri: string; line: number; what?: string }[]; usedBy: { uri: string; line: number; what: string; hosts?: { name: string; covered: boolean }[] }[]; renew?: { action: string; path: string } }
interface View { certificates: Item[]; counts: Record<string, number>; expiringDays: number }
interface Lens { range: { start: { line: number } }; command: { title: string; command: string; arguments: string[] } }

describe('inventory over LSP', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-inventory-'));
  let client: LspClient;
  let changed = 0;

  before(async () => {
    fs.cpSync(path.join(ROOT, 'examples'), root, { recursive: true });
    client = new LspClient();
    client.conn.onNotification('tlsLens/inventoryChanged', () => { changed++; });
    await client.initializeWorkspace(root);
  });
  after(async () => { await client.shutdown(); fs.rmSync(root, { recursive: true, force: true }); });

  /** The inventory once the workspace scan has put every example certificate in it. */
  async function inventory(pred: (v: View) => boolean): Promise<View> {
    for (let i = 0; i < 100; i++) {
      const v = await client.conn.sendRequest('tlsLens/inventory', { expiringDays: 30 }) as View | null;
      if (v && pred(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the inventory never got there');
  }

  it('lists the certificates by expiry, the expired one first, with where each lives and who uses it across files', async () => {
    // The scan goes in path order: once nginx/site.conf's reference is there, certs/ and k8s/ are too.
    const v = await inventory((x) => x.certificates.some((c) => c.usedBy.some((u) => u.what === 'nginx ssl_certificate')));
    assert.deepEqual(v.certificates.map((c) => [c.label, c.status]).slice(0, 2), [['legacy.example.com', 'expired'], ['app.example.com', 'valid']]);
    assert.deepEqual(v.counts, { expired: 1, expiring: 0, valid: 4, 'not-yet-valid': 0 });
    const app = v.certificates[1];
    const rel = (u: string) => path.relative(root, new URL(u).pathname);
    assert.deepEqual(app.locations.map((l) => [rel(l.uri), l.line, l.what ?? null]), [['certs/app.example.com/fullchain.pem', 1, null], ['k8s/app-tls.yaml', 8, 'Secret default/app-tls tls.crt']]);
    const nginx = app.usedBy.find((u) => u.what === 'nginx ssl_certificate')!;
    assert.equal(rel(nginx.uri), 'nginx/site.conf');
    assert.deepEqual(nginx.hosts, [{ name: 'app.example.com', covered: true }, { name: 'shop.example.com', covered: false }]);
    // Grouping by issuer: the leaf hangs under the intermediate, which hangs under the root.
    const inter = v.certificates.find((c) => c.label === 'TLS Lens Test Intermediate CA')!;
    const rootCa = v.certificates.find((c) => c.label === 'TLS Lens Test Root CA')!;
    assert.equal(app.issuedBy, inter.sha256);
    assert.equal(inter.issuedBy, rootCa.sha256);
    assert.equal(app.renew?.action, 'renew');
    assert.equal(rel(pathToFileURL(app.renew!.path).href), 'certs/app.example.com/fullchain.pem');
  });

  it('CodeLens on the nginx ssl_certificate line and on a certificate; a click reveals it in the view', async () => {
    const conf = path.join(root, 'nginx/site.conf');
    const uri = pathToFileURL(conf).href;
    await client.open(uri, 'nginx', fs.readFileSync(conf, 'utf8'));
    await client.diagnosticsFor(uri, () => true);
    const lenses = await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Lens[];
    const line = fs.readFileSync(conf, 'utf8').split('\n').findIndex((l) => /^\s*ssl_certificate\s/.test(l));
    const lens = lenses.find((l) => l.range.start.line === line);
    assert.ok(lens, JSON.stringify(lenses));
    assert.equal(lens.command.title, 'CN=app.example.com · expires in 397 days · covers 1 of 2 hosts · chain of 3');
    assert.equal(lens.command.command, 'tlsLens.certificate.reveal');
    const pemUri = pathToFileURL(path.join(root, 'certs/legacy/bundle.pem')).href;
    await client.open(pemUri, 'pem', fs.readFileSync(path.join(root, 'certs/legacy/bundle.pem'), 'utf8'));
    await client.diagnosticsFor(pemUri, () => true);
    const pemLenses = await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: pemUri } }) as Lens[];
    assert.equal(pemLenses[0].command.title, '$(error) CN=legacy.example.com · expired 152 days ago · used by 0 references');
  });

  it('a new certificate file: the server says the inventory changed, and it is there', async () => {
    const before = changed;
    const file = path.join(root, 'certs/extra.pem');
    fs.writeFileSync(file, fs.readFileSync(path.join(root, 'certs/legacy/bundle.pem'), 'utf8').split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 }] });
    const v = await inventory((x) => x.certificates.some((c) => c.locations.some((l) => l.uri.endsWith('certs/extra.pem'))));
    assert.ok(v.certificates.find((c) => c.label === 'legacy.example.com')!.locations.length >= 2);
    for (let i = 0; i < 50 && changed === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(changed > before, 'tlsLens/inventoryChanged was sent');
  });

  it('Copy PEM and Show Details', async () => {
    const v = await inventory((x) => x.certificates.length >= 5);
    const app = v.certificates.find((c) => c.label === 'app.example.com')!;
    const pem = await client.conn.sendRequest('tlsLens/certificate', { sha256: app.sha256, what: 'pem' }) as string;
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    const details = await client.conn.sendRequest('tlsLens/certificate', { sha256: app.sha256, what: 'details' }) as string;
    assert.match(details, /\*\*Certificate\*\* app\.example\.com/);
    assert.match(details, /used by nginx ssl_certificate/);
    assert.equal(await client.conn.sendRequest('tlsLens/certificate', { sha256: 'nope', what: 'pem' }), null);
  });
});
