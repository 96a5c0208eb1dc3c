/**
 * Budgets that cover repeats, not only distinct things: one nginx file included 95,000 times
 * (each include re-read the file: 5-18 s), and a workspace of slow keystores (each under the
 * per-store cap, together 13-25 s). The work is counted (reads, derivations), not timed: the
 * figures are in npm run bench.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { NodeHost } from '../../server/src/host';
import { buildNginxModel, DEFAULT_NGINX_SETTINGS } from '../../server/src/model/nginx';
import type { ReadRequest } from '../../server/src/core/host';
import { KEY_DERIVATION_BUDGET, KeyDerivations } from '../../server/src/x509/keyDerivation';
import { certificatePem, createCertificate } from '../../server/src/x509/generate';
import { days } from '../helpers/clock';
import { testEngine } from '../helpers/engine';
import { slowKeystores } from '../helpers/keystores';
import { LspClient } from '../helpers/lsp';

/** A host that counts what it is asked to read. */
class CountingHost extends NodeHost {
  reads = 0;
  override readFile(p: string, request?: ReadRequest): string | undefined {
    this.reads++;
    return super.readFile(p, request);
  }
}

const SPENT = 'not opened: key derivation budget spent';

const kinds = (messages: readonly string[]) => ({ spent: messages.filter((m) => m.includes(SPENT)).length, password: messages.filter((m) => m.includes('none opened them') || m.includes('no known password')).length });

describe('budgets that cover repeats: one file included 95,000 times, twelve slow keystores', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-budgets-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('95,000 `include same.conf;`: the file is read once, and the finding says the expansion budget was spent', () => {
    const dir = path.join(tmp, 'include-repeat');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'same.conf'), 'ssl_protocols TLSv1.2 TLSv1.3;\n');
    const text = `events {}\nhttp {\n${'  include same.conf;\n'.repeat(95_000)}}\n`;
    const host = new CountingHost({ roots: [dir] });
    const model = buildNginxModel(text, path.join(dir, 'nginx.conf'), DEFAULT_NGINX_SETTINGS, host);
    assert.ok(host.reads <= 4, `same.conf was read ${host.reads} times`);
    assert.equal(model.limits.length, 1, JSON.stringify(model.limits.map((l) => l.message)));
    assert.match(model.limits[0].message, /include expansion budget is spent/);
  });

  it('95,000 includes of a file that is not there are looked up once', () => {
    const dir = path.join(tmp, 'include-missing');
    fs.mkdirSync(dir);
    const host = new CountingHost({ roots: [dir] });
    const model = buildNginxModel(`http {\n${'  include missing.conf;\n'.repeat(95_000)}}\n`, path.join(dir, 'nginx.conf'), DEFAULT_NGINX_SETTINGS, host);
    assert.ok(host.reads <= 4, `missing.conf was looked up ${host.reads} times`);
    assert.match(model.limits[0]?.message ?? '', /include expansion budget is spent/);
  });

  it('12 keystores at 4,999,999 iterations: the key-derivation budget is the analysis\'s, and an edit derives nothing again', () => {
    const file = slowKeystores(path.join(tmp, 'keystores-engine'));
    const host = new NodeHost({ roots: [path.dirname(file)] });
    const keys = new KeyDerivations();
    const engine = testEngine({ host, workspace: { keys } });
    engine.workspace!.complete = true;
    const check = (text: string) => engine.check([{ uri: file, languageId: 'yaml', text }])[0].findings.filter((f) => f.ruleId === 'xref/keystore-unreadable');
    const text = fs.readFileSync(file, 'utf8');
    const first = check(text);
    assert.deepEqual(kinds(first.map((f) => f.message)), { spent: 10, password: 2 }, first.map((f) => f.message).join('\n'));
    assert.ok(first.filter((f) => f.message.includes(SPENT)).every((f) => f.severity === 'information'));
    assert.ok(keys.spent <= KEY_DERIVATION_BUDGET, `${keys.spent} iterations`);
    const spent = keys.spent;
    const edited = check(`${text}# an edit\n`);
    assert.equal(keys.spent, spent, 'the edit derived keys again');
    assert.deepEqual(edited.map((f) => f.message), first.map((f) => f.message));
  });

  it('LSP: a hover on a small file is answered while 12 slow keystores are read, and the stores past the budget say so', async () => {
    const dir = path.join(tmp, 'keystores-lsp');
    const file = slowKeystores(dir);
    const small = path.join(dir, 'small.pem');
    const c = await createCertificate({ subject: 'CN=small.example.com', key: { type: 'ec', curve: 'P-256' }, notBefore: days(-10), notAfter: days(300), san: ['small.example.com'], ca: false });
    fs.writeFileSync(small, certificatePem(c.cert));
    const client = new LspClient();
    try {
      // A budget per document far past the keystores' 13-25 s: the watchdog does not hide a stall.
      client.settings = { analysisBudgetMs: 120_000 };
      await client.initializeWorkspace(dir);
      const [slowUri, smallUri] = [pathToFileURL(file).href, pathToFileURL(small).href];
      const opened = performance.now();
      await client.open(slowUri, 'yaml', fs.readFileSync(file, 'utf8'));
      await client.open(smallUri, 'pem', fs.readFileSync(small, 'utf8'));
      // The small file is checked after the SpinnakerService (the engine takes them in order), and
      // its hover asks the engine: neither waits for a key derivation. Bounded generously: the
      // keystores alone take 13-25 s; the figure (< 200 ms) is in npm run bench.
      await client.diagnosticsFor(smallUri, () => true, 60_000);
      const hover = await client.hover(smallUri, 1, 2);
      const answered = performance.now() - opened;
      assert.match(hover?.contents.value ?? '', /Certificate/);
      assert.ok(answered < 5_000, `the small file waited ${Math.round(answered)} ms`);
      // The two stores within the budget are opened in the background; the ten others say why not.
      const settled = (d: { code: string; message: string }[]) => { const k = kinds(d.filter((x) => x.code === 'xref/keystore-unreadable').map((x) => x.message)); return k.spent === 10 && k.password === 2; };
      await client.diagnosticsFor(slowUri, settled, 60_000);
      // An edit: its first diagnostics already hold what the derived keys opened (nothing derived again).
      client.reset(slowUri);
      await client.change(slowUri, 2, `${fs.readFileSync(file, 'utf8')}# an edit\n`);
      const after = await client.diagnosticsFor(slowUri, () => true, 60_000);
      assert.ok(settled(after), JSON.stringify(after.map((d) => d.message)));
    } finally {
      await client.shutdown();
    }
  });
});
