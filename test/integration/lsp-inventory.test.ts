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
interface View { certificates: Item[]; counts: Record<string, number>; expiringDays: number; complete: boolean; generation: number; skipped: { uri: string; sizeKB: number }[] }
interface State { generation: number; complete: boolean }
interface Lens { range: { start: { line: number } }; command: { title: string; command: string; arguments: string[] } }

describe('inventory over LSP', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-inventory-'));
  let client: LspClient;
  /** What each tlsLens/inventoryChanged said, in order. */
  const announced: State[] = [];
  /** Called at the next tlsLens/inventoryChanged notification. */
  let onChanged: (() => void)[] = [];
  const nextChange = () => new Promise<void>((resolve) => onChanged.push(resolve));

  before(async () => {
    fs.cpSync(path.join(ROOT, 'examples'), root, { recursive: true });
    // Over tlsLens.maxFileSizeKB (2048 KiB): the scan does not read it, and the inventory says so.
    fs.writeFileSync(path.join(root, 'certs/huge.pem'), fs.readFileSync(path.join(root, 'certs/legacy/bundle.pem'), 'utf8') + '#'.repeat(2100 * 1024));
    client = new LspClient();
    client.conn.onNotification('tlsLens/inventoryChanged', (s: State) => { announced.push(s); const waiting = onChanged; onChanged = []; for (const w of waiting) w(); });
    await client.initializeWorkspace(root);
  });
  after(async () => { await client.shutdown(); fs.rmSync(root, { recursive: true, force: true }); });

  /** Resolves once `ok()` holds, checked now and at each tlsLens/inventoryChanged. */
  async function until(ok: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms (announced: ${JSON.stringify(announced)})`)), timeoutMs); });
    try {
      while (!ok()) await Promise.race([nextChange(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The inventory once it satisfies `pred`: asked now, then again at each tlsLens/inventoryChanged
   * (the server sends one when the workspace scan finishes and whenever what it shows moves).
   * Every wait names the state it needs, the scan's end included: never a count an earlier,
   * partial inventory also reaches.
   */
  async function inventory(pred: (v: View) => boolean, timeoutMs = 30_000): Promise<View> {
    let last: View | null = null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`the inventory never got there in ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 2000)}`)), timeoutMs); });
    try {
      for (;;) {
        const changedAgain = nextChange(); // before asking, so that no notification falls between
        last = await client.conn.sendRequest('tlsLens/inventory', { expiringDays: 30 }) as View | null;
        if (last && pred(last)) return last;
        await Promise.race([changedAgain, timeout]);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  it('lists the certificates by expiry, the expired one first, with where each lives and who uses it across files', async () => {
    const v = await inventory((x) => x.complete);
    assert.deepEqual(v.certificates.map((c) => [c.label, c.status]).slice(0, 2), [['legacy.example.com', 'expired'], ['app.example.com', 'valid']]);
    assert.deepEqual(v.skipped.map((f) => [path.relative(root, new URL(f.uri).pathname), f.sizeKB]), [['certs/huge.pem', Math.ceil(fs.statSync(path.join(root, 'certs/huge.pem')).size / 1024)]]);
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
    const was = await inventory((x) => x.complete);
    const file = path.join(root, 'certs/extra.pem');
    fs.writeFileSync(file, fs.readFileSync(path.join(root, 'certs/legacy/bundle.pem'), 'utf8').split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 }] });
    const v = await inventory((x) => x.certificates.some((c) => c.locations.some((l) => l.uri.endsWith('certs/extra.pem'))));
    assert.deepEqual(v.certificates.find((c) => c.label === 'legacy.example.com')!.locations.map((l) => path.relative(root, new URL(l.uri).pathname)).sort(), ['certs/extra.pem', 'certs/legacy/bundle.pem']);
    assert.ok(v.generation > was.generation, `generation ${was.generation} -> ${v.generation}`);
    // The view learns of it from the server: a notification announces that generation (or a later one).
    await until(() => announced.some((s) => s.generation >= v.generation && s.complete), 'tlsLens/inventoryChanged announcing the new certificate');
  });

  it('Copy PEM and Show Details', async () => {
    const v = await inventory((x) => x.complete);
    const app = v.certificates.find((c) => c.label === 'app.example.com')!;
    const pem = await client.conn.sendRequest('tlsLens/certificate', { sha256: app.sha256, what: 'pem' }) as string;
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    const details = await client.conn.sendRequest('tlsLens/certificate', { sha256: app.sha256, what: 'details' }) as string;
    assert.match(details, /\*\*Certificate\*\* app\.example\.com/);
    assert.match(details, /used by nginx ssl_certificate/);
    assert.equal(await client.conn.sendRequest('tlsLens/certificate', { sha256: 'nope', what: 'pem' }), null);
  });
});

describe('inventory over LSP while the workspace scan runs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-inventory-scan-'));
  let client: LspClient;

  before(async () => {
    fs.cpSync(path.join(ROOT, 'examples'), root, { recursive: true });
    // Files the scan reads between the Ingress (k8s/) and nginx's ssl_certificate (nginx/): the
    // window in which app.example.com is used by the Ingress and not yet by nginx.
    fs.mkdirSync(path.join(root, 'l-filler'));
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(root, 'l-filler', `cm-${String(i).padStart(4, '0')}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: value-${i}\n`);
    client = new LspClient();
    await client.initializeWorkspace(root);
  });
  after(async () => { await client.shutdown(); fs.rmSync(root, { recursive: true, force: true }); });

  it('says complete only once every reference is in: no answer before the scan ends claims it', async () => {
    // Ask back to back from the start. Whatever the timing, an answer that says complete must hold
    // nginx's use of app.example.com; answers before that must say incomplete.
    const seen = { incomplete: 0 };
    let v: View | null = null;
    for (let asked = 0; !(v && v.complete); asked++) {
      assert.ok(asked < 100_000, 'the scan never finished');
      v = await client.conn.sendRequest('tlsLens/inventory', { expiringDays: 30 }) as View | null;
      if (v && !v.complete) seen.incomplete++;
    }
    const app = v!.certificates.find((c) => c.label === 'app.example.com');
    assert.ok(app, 'app.example.com is in the complete inventory');
    assert.deepEqual(app.usedBy.map((u) => u.what).sort(), ['Gateway web listener https certificateRefs[0]', 'Ingress tls[0].secretName', 'nginx ssl_certificate']);
    assert.deepEqual(v!.counts, { expired: 1, expiring: 0, valid: 4, 'not-yet-valid': 0 });
    // Not an assertion on timing: how many partial answers there were depends on the machine.
    console.log(`inventory: ${seen.incomplete} partial answer(s) before the scan finished`);
  });
});
