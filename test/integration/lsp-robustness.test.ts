/**
 * The language server under hostile input, over stdio: a file whose analysis exceeds the time
 * budget is stopped and said so, while another file's hover is answered (how fast is a figure of
 * `npm run bench`, not of a test); Restricted
 * Mode reads nothing outside the workspace and compiles no workspace schema, until trust is given.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';
import { writeServerPki } from '../helpers/pki';

/** `p`, or a failure naming `what` after `ms`. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

describe('language server: one file cannot stall the others', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-budget-'));
    client = new LspClient();
    // A budget a large, legitimate file cannot meet: its analysis is stopped, nothing else waits.
    client.settings = { analysisBudgetMs: 150, maxFileSizeKB: 8192 };
    await client.initializeWorkspace(dir);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops the slow file at the budget with core/analysis-limit; the small file\'s hover is answered meanwhile', async () => {
    const slow = pathToFileURL(path.join(dir, 'values.yaml')).href;
    const small = pathToFileURL(path.join(dir, 'ca.pem')).href;
    const slowText = Array.from({ length: 150_000 }, (_, i) => `key${i}: value${i}`).join('\n') + '\n';
    const smallText = fs.readFileSync(path.join(FIXTURES, 'pem/ok-cert-expired.pem'), 'utf8');
    await client.open(slow, 'yaml', slowText);
    await client.open(small, 'pem', smallText);
    const line = smallText.split('\n').findIndex((l) => l.startsWith('-----BEGIN CERTIFICATE')) + 1;
    // Answered, not stuck behind the slow file: the bound is generous (a stall would be minutes),
    // the latency itself is measured by npm run bench.
    const h = await within(client.hover(small, line, 2), 20_000, 'the hover on the small file');
    assert.match(h!.contents.value, /\*\*Certificate\*\*/);
    const d = await client.diagnosticsFor(slow, (x) => x.some((y) => y.code === 'core/analysis-limit'));
    assert.match(d.find((x) => x.code === 'core/analysis-limit')!.message, /took longer than 150 ms \(tlsLens\.analysisBudgetMs\) and was stopped/);
    // The worker that was stopped is replaced: the small file still gets its diagnostics.
    await client.diagnosticsFor(small);
    const again = await client.hover(small, line, 2);
    assert.match(again!.contents.value, /\*\*Certificate\*\*/);
  });
});

describe('language server: Restricted Mode', () => {
  let outside: string;
  let ws: string;
  before(async () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-outside-'));
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-ws-'));
    await writeServerPki(outside);
    fs.writeFileSync(path.join(ws, 'site.conf'), `server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate ${path.join(outside, 'app.crt')};\n    ssl_certificate_key ${path.join(outside, 'app.key')};\n    add_header Strict-Transport-Security "max-age=63072000" always;\n}\n`);
    fs.writeFileSync(path.join(ws, 'values.yaml'), 'replicas: many\n');
    fs.writeFileSync(path.join(ws, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }));
  });
  after(() => {
    fs.rmSync(outside, { recursive: true, force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  });

  const scenario = async (trusted: boolean) => {
    const client = new LspClient();
    await client.initializeWorkspace(ws, { trusted });
    const site = pathToFileURL(path.join(ws, 'site.conf')).href;
    const values = pathToFileURL(path.join(ws, 'values.yaml')).href;
    await client.open(site, 'nginx', fs.readFileSync(path.join(ws, 'site.conf'), 'utf8'));
    await client.open(values, 'yaml', 'replicas: many\n');
    return { client, site, values };
  };

  it('trusted: a certificate outside the workspace is read, and the chart schema applies', async () => {
    const { client, site, values } = await scenario(true);
    try {
      const text = fs.readFileSync(path.join(ws, 'site.conf'), 'utf8').split('\n');
      const line = text.findIndex((l) => l.includes('ssl_certificate '));
      const h = await client.hover(site, line, text[line].indexOf('app.crt'));
      assert.match(h!.contents.value, /app\.example\.com/);
      const d = await client.diagnosticsFor(values, (x) => x.some((y) => y.code === 'schema/invalid-value'));
      assert.match(d[0].message, /replicas must be an integer/);
    } finally {
      await client.shutdown();
    }
  });

  it('untrusted: nothing outside is read, no workspace schema is compiled; granting trust reads them', async () => {
    const { client, site, values } = await scenario(false);
    try {
      const d = await client.diagnosticsFor(site, (x) => x.some((y) => y.code === 'xref/unresolved-reference'));
      assert.ok(d.some((x) => x.code === 'xref/unresolved-reference' && x.message.includes('app.crt')), JSON.stringify(d));
      const text = fs.readFileSync(path.join(ws, 'site.conf'), 'utf8').split('\n');
      const line = text.findIndex((l) => l.includes('ssl_certificate '));
      const untrustedHover = await client.hover(site, line, text[line].indexOf('app.crt'));
      assert.doesNotMatch(untrustedHover?.contents.value ?? '', /app\.example\.com/, 'nothing outside the workspace is read');
      const v = await client.diagnosticsFor(values);
      assert.deepEqual(v.filter((x) => x.code.startsWith('schema/')), []);
      await client.conn.sendNotification('tlsLens/workspaceTrust', { trusted: true });
      const after = await client.diagnosticsFor(values, (x) => x.some((y) => y.code === 'schema/invalid-value'));
      assert.ok(after.length > 0);
      // The state trust makes: the certificate outside is read (hover), and the finding goes.
      await client.diagnosticsFor(site, (x) => !x.some((y) => y.code === 'xref/unresolved-reference'));
      const trustedHover = await client.hover(site, line, text[line].indexOf('app.crt'));
      assert.match(trustedHover!.contents.value, /app\.example\.com/);
    } finally {
      await client.shutdown();
    }
  });
});
