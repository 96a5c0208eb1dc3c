import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pemItemMarkdown } from '../../server/src/features/hover/pem';
import { hoverAt } from '../../server/src/features/hover/index';
import { LineIndex } from '../../server/src/util/lineIndex';
import { documentSymbols } from '../../server/src/features/symbols';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES, ROOT } from '../helpers/paths';
import { modelOf } from '../helpers/engine';

const model = (p: string) => modelOf({ uri: p, languageId: 'pem', text: fs.readFileSync(path.join(FIXTURES, p), 'utf8') }, { maxFileSizeKB: 1024 });

describe('hover content', () => {
  it('a CSR shows its subject, requested SANs and key', () => {
    const m = model('pem/bad-weak-rsa-key.pem');
    const i = m.pem.items.findIndex((x) => x.kind === 'csr');
    const v = pemItemMarkdown(m, i, FIXTURE_NOW);
    assert.match(v, /\*\*Certificate request\*\* legacy\.example\.com/);
    assert.match(v, /Requested SANs \| DNS: legacy\.example\.com/);
    assert.match(v, /RSA 1024 bits/);
  });

  it('a public key shows type and size; a self-signed root says so', () => {
    const m = model('pem/ok-weak-rsa-key.pem');
    const pub = m.pem.items.findIndex((x) => x.kind === 'publicKey');
    assert.match(pemItemMarkdown(m, pub, FIXTURE_NOW), /\*\*Public key\*\* EC P-256/);
    const roots = model('pem/ok-cert-expired.pem');
    const v = pemItemMarkdown(roots, 2, FIXTURE_NOW);
    assert.match(v, /Self-signed \| yes/);
    assert.match(v, /Basic constraints \| CA:TRUE/);
    assert.match(v, /Key usage \| keyCertSign, cRLSign/);
    assert.match(pemItemMarkdown(roots, 1, FIXTURE_NOW), /Basic constraints \| CA:TRUE, pathLen 0/);
    assert.match(pemItemMarkdown(roots, 0, FIXTURE_NOW), /Chain \| signed by the next block, 'TLS Lens Test Intermediate CA' \(block 2\)/);
  });

  it('an expired certificate says how long ago', () => {
    const m = model('pem/bad-cert-expired.pem');
    assert.match(pemItemMarkdown(m, 0, FIXTURE_NOW), /\*\*expired 5 days ago\*\*/);
  });

  it('a malformed block says why', () => {
    const m = model('pem/bad-malformed.pem');
    assert.match(pemItemMarkdown(m, 0, FIXTURE_NOW), /\*\*Malformed CERTIFICATE block\*\*: invalid base64 character/);
  });
});

describe('document symbols', () => {
  it('one per block, named by CN or key type', () => {
    const m = model('pem/bad-weak-rsa-key.pem');
    const names = documentSymbols(m, new LineIndex(m.text)).map((s) => s.name);
    assert.deepEqual(names, ['app.example.com', 'legacy.example.com', 'private key RSA 512 bits']);
  });

  it('a 144-certificate bundle gets 144 symbols', (t) => {
    const bundle = '/etc/ssl/certs/ca-certificates.crt';
    if (!fs.existsSync(bundle)) return t.skip('no Debian CA bundle');
    const m = modelOf({ uri: bundle, languageId: 'pem', text: fs.readFileSync(bundle, 'utf8') }, { maxFileSizeKB: 4096 });
    const syms = documentSymbols(m, new LineIndex(m.text));
    assert.equal(syms.length, m.pem.items.length);
    assert.ok(syms.length > 100);
    assert.ok(syms.every((s) => s.name && s.range.start.line < s.range.end.line));
  });
});

describe('manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  it('registers every contributed command, and contributes every registered one', () => {
    const src = fs.readdirSync(path.join(ROOT, 'client/src'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8')).join('\n');
    // Registered one by one, or from a command table (rows of `{ id: 'tlsLens.…' }`).
    const registered = [...src.matchAll(/registerCommand\('([\w.]+)'|\{ id: '(tlsLens\.[\w.]+)'/g)].map((m) => m[1] ?? m[2]).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(registered, contributed);
    for (const c of contributed) assert.ok(manifest.activationEvents.includes(`onCommand:${c}`), c);
  });
  it('activates on the languages it serves and maps the PEM extensions', () => {
    for (const l of ['pem', 'yaml', 'nginx']) assert.ok(manifest.activationEvents.includes(`onLanguage:${l}`), l);
    const pem = manifest.contributes.languages.find((l: { id: string }) => l.id === 'pem');
    assert.deepEqual(pem.extensions, ['.pem', '.crt', '.cer', '.key', '.csr', '.ca-bundle']);
    assert.equal(manifest.main, './dist/client.js');
    assert.deepEqual(manifest.bin, { 'tls-lens': 'dist/cli.js' });
  });
  it('engines.vscode matches the language client and @types/vscode', () => {
    const lc = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
    assert.equal(manifest.engines.vscode, lc.engines.vscode);
    const types = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@types/vscode/package.json'), 'utf8'));
    assert.ok(manifest.engines.vscode.replace('^', '') >= types.version.replace(/\.\d+$/, '.0').replace(/^(\d+\.\d+)\..*$/, '$1.0'));
  });
});

describe('hover: one entry point, a provider per kind of content', () => {
  const cert = fs.readFileSync(path.join(FIXTURES, 'pem/ok-bundle-order.pem'), 'utf8').split(/(?<=-----END CERTIFICATE-----\n)/)[0];
  const indented = cert.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  const yamlText = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\nstringData:\n  tls.crt: |\n${indented}\n`;
  const ctx = (languageId: string, text: string, line: number, character: number) => ({
    model: modelOf({ uri: `/w/f.${languageId}`, languageId, text }, { maxFileSizeKB: 1024 }),
    position: { line, character }, lines: new LineIndex(text), now: FIXTURE_NOW,
  });
  it('a PEM block inside YAML is answered by the PEM provider, the first line by the YAML provider', () => {
    assert.match(String((hoverAt(ctx('yaml', yamlText, 7, 6))?.contents as { value: string }).value), /^\*\*Certificate\*\*/);
    assert.match(String((hoverAt(ctx('yaml', yamlText, 0, 2))?.contents as { value: string }).value), /TLS Lens schema/);
  });
  it('an nginx server block is graded, with the certificate the workspace resolves when there is one', () => {
    const conf = 'server {\n  listen 443 ssl;\n  ssl_certificate /etc/ssl/web.crt;\n  ssl_certificate_key /etc/ssl/web.key;\n}\n';
    assert.match(String((hoverAt(ctx('nginx', conf, 0, 2))?.contents as { value: string }).value), /Predicted SSL Labs grade/);
    let asked = 0;
    const workspace = { view: {} as never, path: '/w/f.nginx', serverCertificate: () => { asked++; return undefined; } };
    assert.match(String((hoverAt({ ...ctx('nginx', conf, 0, 2), workspace })?.contents as { value: string }).value), /Predicted SSL Labs grade/);
    assert.equal(asked, 1, 'the grade asked the workspace for the server\'s certificate');
  });
});
