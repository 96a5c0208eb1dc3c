import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';

describe('language server over stdio: an nginx configuration', () => {
  let client: LspClient;
  const file = path.join(FIXTURES, 'nginx/bad-ssl-protocols-legacy.conf');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  before(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(uri, 'nginx', text);
  });
  after(() => client.shutdown());

  it('reports the old protocols on their tokens, with a quick fix to the profile', async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'nginx/ssl-protocols-legacy'));
    const line = text.split('\n')[diags[0].range.start.line];
    // Each protocol with its own standard: RFC 6176 (SSL 2.0), RFC 7568 (SSL 3.0), RFC 8996 (TLS 1.0, 1.1).
    assert.deepEqual(diags.map((d) => [d.code, line.slice(d.range.start.character, d.range.end.character), /RFC \d+/.exec(d.message)?.[0]]), [
      ['nginx/ssl-protocols-legacy', 'SSLv2', 'RFC 6176'],
      ['nginx/ssl-protocols-legacy', 'SSLv3', 'RFC 7568'],
      ['nginx/ssl-protocols-legacy', 'TLSv1', 'RFC 8996'],
      ['nginx/ssl-protocols-legacy', 'TLSv1.1', 'RFC 8996'],
    ]);
    const actions = await client.codeActions(uri, [diags[0]]);
    assert.equal(actions[0].title, 'Set ssl_protocols to TLSv1.2 TLSv1.3');
    assert.equal(actions[0].edit!.changes[uri][0].newText, 'TLSv1.2 TLSv1.3');
  });

  it('hovers a directive with its context, default and the profile\'s advice', async () => {
    const lineNo = text.split('\n').findIndex((l) => l.includes('ssl_protocols'));
    const h = await client.hover(uri, lineNo, 6);
    assert.match(h!.contents.value, /\*\*ssl_protocols\*\*/);
    assert.match(h!.contents.value, /Context: http, server/);
    assert.match(h!.contents.value, /Mozilla intermediate profile: `TLSv1\.2 TLSv1\.3`/);
  });

  it('hovers a server block with the predicted SSL Labs grade', async () => {
    const f = path.join(FIXTURES, 'nginx/bad-hsts-missing.conf');
    const u = pathToFileURL(f).href;
    const t = fs.readFileSync(f, 'utf8');
    await client.open(u, 'nginx', t);
    const lineNo = t.split('\n').findIndex((l) => /^\s*server \{/.test(l));
    const h = await client.hover(u, lineNo, t.split('\n')[lineNo].indexOf('server') + 2);
    assert.match(h!.contents.value, /Predicted SSL Labs grade: A\*\*/);
    assert.match(h!.contents.value, /no HSTS \(A\+ needs HSTS of at least 180 days\) → A/);
  });

  it('completes ssl_* directives and their values', async () => {
    const u = 'untitled:complete.conf';
    await client.open(u, 'nginx', 'http {\n    ssl_sta\n    ssl_stapling \n}\n');
    const names = await client.completion(u, 1, 11);
    const labels = (Array.isArray(names) ? names : names.items).map((i) => i.label);
    assert.ok(labels.includes('ssl_stapling') && labels.includes('ssl_stapling_verify'));
    const values = await client.completion(u, 2, 17);
    assert.deepEqual((Array.isArray(values) ? values : values.items).map((i) => i.label), ['on', 'off']);
  });
});

describe('language server over stdio: the predicted grade reads the certificate through the workspace index', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-grade-'));
  let client: LspClient;
  after(async () => { await client.shutdown(); fs.rmSync(root, { recursive: true, force: true }); });

  it('a certificate named by its deploy path (/etc/nginx/…) and mapped with tlsLens.pathMappings: its names decide the grade', async () => {
    // A certificate for app.example.com only, where the configuration serves shop.example.com too.
    fs.mkdirSync(path.join(root, 'deploy/certs'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'nginx/bad-stapling-without-ocsp/certs/app.crt'), path.join(root, 'deploy/certs/app.crt'));
    const conf = path.join(root, 'site.conf');
    const text = 'server {\n    listen 443 ssl;\n    server_name app.example.com shop.example.com;\n    ssl_certificate /etc/nginx/certs/app.crt;\n    ssl_certificate_key /etc/nginx/certs/app.key;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    add_header Strict-Transport-Security "max-age=63072000" always;\n}\n';
    fs.writeFileSync(conf, text);
    client = new LspClient();
    client.settings = { pathMappings: { '/etc/nginx/': 'deploy/' } };
    await client.initializeWorkspace(root);
    const uri = pathToFileURL(conf).href;
    await client.open(uri, 'nginx', text);
    await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'));
    const h = await client.hover(uri, 0, 2);
    assert.match(h!.contents.value, /Predicted SSL Labs grade: M \(A if trusted and matching\)/);
    assert.match(h!.contents.value, /certificate does not cover `shop\.example\.com`/);
    assert.match(h!.contents.value, /certificate: `app\.crt`/);
  });
});
