import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';

const fixture = (p: string) => ({ uri: pathToFileURL(path.join(FIXTURES, p)).href, text: fs.readFileSync(path.join(FIXTURES, p), 'utf8') });

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    const init = await client.initialize();
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.capabilities.documentSymbolProvider, true);
  });
  after(() => client.shutdown());

  it('publishes diagnostics for a bundle on the blocks\' ranges', async () => {
    const { uri, text } = fixture('pem/bad-bundle-order.pem');
    await client.open(uri, 'pem', text);
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'pem/bundle-order'));
    assert.equal(diags.length, 1);
    const [d] = diags;
    assert.equal(d.code, 'pem/bundle-order');
    assert.equal(d.severity, 2);
    assert.equal(d.source, 'TLS Lens');
    assert.match(d.codeDescription!.href, /docs\/rules\/pem\/bundle-order\.md$/);
    assert.deepEqual(d.range.start, { line: 2, character: 0 });
    assert.equal(text.split('\n')[d.range.end.line], '-----END CERTIFICATE-----');
  });

  it('answers hover inside a certificate block with its facts', async () => {
    const { uri } = fixture('pem/bad-bundle-order.pem');
    const h = await client.hover(uri, 5, 3);
    assert.ok(h);
    assert.equal(h.contents.kind, 'markdown');
    const v = h.contents.value;
    for (const re of [/\*\*Certificate\*\* app\.example\.com/, /DNS: app\.example\.com/, /expires in 60 days/, /SHA-256/, /EC P-256/, /serverAuth/, /\*\*not\*\* signed by the next block/, /its issuer is 'TLS Lens Test Intermediate CA' \(block 3\)/]) {
      assert.match(v, re);
    }
    assert.equal(await client.hover(uri, 0, 0), null, 'no hover on the comment line');
  });

  it('lists one document symbol per block', async () => {
    const { uri } = fixture('pem/bad-bundle-order.pem');
    const symbols = await client.symbols(uri);
    assert.deepEqual(symbols.map((s) => s.name), ['app.example.com', 'TLS Lens Test Root CA', 'TLS Lens Test Intermediate CA']);
    assert.match(symbols[0].detail, /certificate · until 2026-07-31/);
  });

  it('re-validates open documents when settings change', async () => {
    const { uri, text } = fixture('pem/bad-cert-expiring-soon.pem');
    await client.open(uri, 'pem', text);
    assert.equal((await client.diagnosticsFor(uri, (d) => d.length === 1))[0].code, 'pem/cert-expiring-soon');
    client.settings = { expiryWarningDays: 5 };
    client.reset(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // Wait for the state the settings make: a publish still in flight from before may come first.
    assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0), []);
    client.settings = { rules: { 'pem/cert-expiring-soon': 'error' }, expiryWarningDays: 30 };
    client.reset(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const d = await client.diagnosticsFor(uri, (x) => x.length > 0 && x[0].severity === 1);
    assert.equal(d[0].severity, 1);
    client.settings = {};
  });

  it('follows edits', async () => {
    const { uri, text } = fixture('pem/ok-cert-expired.pem');
    await client.open(uri, 'pem', text);
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    await client.change(uri, 2, text.replace('-----END CERTIFICATE-----', '-----END CERTIFICAT-----'));
    await client.diagnosticsFor(uri, (x) => x.some((y) => y.code === 'pem/malformed'));
  });

  describe('bad input: a diagnostic or nothing, never a crash', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'fixture-only' }) as string;
    const cert = fixture('pem/ok-cert-expired.pem').text;
    const b64 = cert.split('\n').filter((l) => /^[A-Za-z0-9+/=]+$/.test(l));
    const cases: [string, string, (d: { code: string }[]) => boolean][] = [
      ['empty.pem', '', (d) => d.length === 0],
      ['junk.pem', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'), (d) => d.some((x) => x.code === 'core/binary-file')],
      ['broken-base64.pem', `-----BEGIN CERTIFICATE-----\n${b64[0].slice(0, 20)}!!${b64[0].slice(22)}\n-----END CERTIFICATE-----\n`, (d) => d.some((x) => x.code === 'pem/malformed')],
      ['truncated-der.pem', `-----BEGIN CERTIFICATE-----\n${b64.slice(0, 3).join('\n')}\n-----END CERTIFICATE-----\n`, (d) => d.some((x) => x.code === 'pem/malformed')],
      ['huge.pem', cert + 'x'.repeat(5 * 1024 * 1024), (d) => d.some((x) => x.code === 'core/file-too-large')],
      ['encrypted.key', encrypted, (d) => d.length === 0],
    ];
    for (const [name, text, ok] of cases) {
      it(name, async () => {
        const uri = `untitled:bad-input/${name}`;
        await client.open(uri, 'pem', text);
        const diags = await client.diagnosticsFor(uri);
        assert.ok(ok(diags), JSON.stringify(diags));
        const h = await client.hover(uri, 0, 1);
        if (name === 'encrypted.key') assert.match(h!.contents.value, /Encrypted private key\*\* \(PBES2 with AES-256-CBC\)/);
        // The server still answers.
        const again = await client.hover(fixture('pem/bad-bundle-order.pem').uri, 5, 3);
        assert.ok(again && /Certificate/.test(again.contents.value));
      });
    }
    it('the 5 MB file parses when the limit allows it', async () => {
      client.settings = { maxFileSizeKB: 8192 };
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const uri = 'untitled:bad-input/huge.pem';
      const diags = await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'core/file-too-large'));
      assert.deepEqual(diags, []);
      const h = await client.hover(uri, 3, 1);
      assert.match(h!.contents.value, /Certificate/);
      client.settings = {};
    });
  });

  it('never shows private key material in a hover', async () => {
    const { uri, text } = fixture('pem/ok-key-without-cert.pem');
    await client.open(uri, 'pem', text);
    const line = text.split('\n').findIndex((l) => l.startsWith('-----BEGIN PRIVATE KEY'));
    const h = await client.hover(uri, line + 1, 2);
    const v = h!.contents.value;
    assert.match(v, /\*\*Private key\*\* EC P-256/);
    assert.match(v, /matches the certificate 'app\.example\.com' \(block 2\)/);
    const keyLines = text.split('\n').slice(line + 1).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
    for (const l of keyLines) assert.ok(!v.includes(l.slice(0, 16)), 'key base64 in hover');
    assert.doesNotMatch(client.stderr, /PRIVATE KEY/);
  });
});
