// tlsLens/explain over LSP (stdio): a workspace with known faults (copies of rule fixtures beside
// noise), no document open, a real error message: the causing finding is among the first three,
// with its location, and the causes hold the right id; the findings are the CLI's (one engine, one
// ranking); an open document counts as the editor has it; the message is bounded and never echoed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../helpers/lsp';
import { cli } from '../helpers/run';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES } from '../helpers/paths';

interface Answer {
  recognised: string[];
  names: Record<string, string[]>;
  truncated: boolean;
  complete: boolean;
  causes: { id: string; summary: string; fix: string; source: string }[];
  findings: { uri: string; range: { start: { line: number; character: number } }; ruleId: string; severity: string; message: string; fixable: boolean }[];
}

const NOISE = ['pem/bad-weak-signature.pem', 'pem/bad-missing-san.pem', 'nginx/bad-ssl-protocols-legacy.conf', 'nginx/bad-hsts-missing.conf'];

describe('tlsLens/explain over LSP', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-explain-'));
  let client: LspClient;
  const explain = (message: unknown) => client.conn.sendRequest('tlsLens/explain', { message }) as Promise<Answer | null>;

  before(async () => {
    for (const f of ['xref/bad-hostname-not-covered', 'xref/bad-key-mismatch', ...NOISE]) {
      fs.cpSync(path.join(FIXTURES, f), path.join(root, f.replace(/\//g, '_')), { recursive: true });
    }
    client = new LspClient();
    await client.initializeWorkspace(root);
  });
  after(async () => { await client.shutdown(); fs.rmSync(root, { recursive: true, force: true }); });

  it('Go\'s hostname error: the uncovered host\'s finding first three, the hostname cause, names read', async () => {
    // Go src/crypto/x509/verify.go, HostnameError.Error: "x509: certificate is valid for %s, not %s".
    const message = 'Get "https://shop.example.com/": tls: failed to verify certificate: x509: certificate is valid for app.example.com, www.example.com, not shop.example.com';
    const a = (await explain(message))!;
    assert.equal(a.complete, true, 'answered after the workspace scan');
    assert.deepEqual(a.recognised, ['go/hostname']);
    assert.equal(a.causes[0].id, 'name-not-in-certificate');
    assert.ok(a.causes.every((c) => c.summary && c.fix && c.source));
    assert.ok(a.names.host.includes('shop.example.com'));
    assert.ok(a.findings.some((f) => f.ruleId !== 'xref/hostname-not-covered'), 'the workspace has noise');
    const top = a.findings.slice(0, 3);
    const hit = top.find((f) => f.ruleId === 'xref/hostname-not-covered' && /'shop\.example\.com' is not covered/.test(f.message));
    assert.ok(hit, JSON.stringify(top, null, 1));
    assert.match(hit.uri, /^file:\/\/.*xref_bad-hostname-not-covered\//);
    assert.equal(typeof hit.range.start.line, 'number');
    // The message is not answered back: only the names read from it.
    assert.doesNotMatch(JSON.stringify(a), /failed to verify certificate/);
  });

  it('the findings are the CLI\'s over the same files, in the same order', async () => {
    const message = '2026/06/01 10:00:00 [emerg] 1#1: SSL_CTX_use_PrivateKey("/etc/nginx/ssl/other.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)';
    const a = (await explain(message))!;
    const r = cli(['explain', '--now', FIXTURE_NOW.toISOString(), '--format', 'json', message], { cwd: root });
    assert.equal(r.status, 0, r.stderr);
    const fromCli = (JSON.parse(r.stdout) as { findings: { file: string; code: string; message: string; range: { start: { line: number } } }[] }).findings;
    const key = (file: string, code: string, line: number, msg: string) => `${file}:${line} ${code} ${msg}`;
    assert.deepEqual(
      a.findings.map((f) => key(path.relative(root, new URL(f.uri).pathname), f.ruleId, f.range.start.line, f.message)),
      fromCli.map((f) => key(f.file, f.code, f.range.start.line, f.message)),
    );
    assert.equal(a.findings[0].ruleId, 'xref/key-mismatch');
    assert.ok(a.causes.some((c) => c.id === 'key-does-not-match'));
  });

  it('an open document counts as the editor has it, unsaved', async () => {
    const conf = path.join(root, 'nginx_bad-ssl-protocols-legacy.conf');
    const uri = pathToFileURL(conf).href;
    // The saved file lists legacy protocols; the editor's text fixes them.
    const fixed = fs.readFileSync(conf, 'utf8').replace(/ssl_protocols[^;]*;/, 'ssl_protocols TLSv1.2 TLSv1.3;');
    await client.open(uri, 'nginx', fixed);
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'nginx/ssl-protocols-legacy'));
    // OpenSSL ssl/ssl_err.c (SSL_R_UNSUPPORTED_PROTOCOL "unsupported protocol").
    const a = (await explain('error:0A000102:SSL routines::unsupported protocol'))!;
    assert.ok(!a.findings.some((f) => f.uri === uri && f.ruleId === 'nginx/ssl-protocols-legacy'), JSON.stringify(a.findings));
  });

  it('a message no family knows is said so (none recognised, no cause) and ranked by its names', async () => {
    const a = (await explain('connection to api.example.com reset by peer'))!;
    assert.deepEqual(a.recognised, []);
    assert.deepEqual(a.causes, []);
    assert.match(a.findings[0].message, /'api\.example\.com' is not covered/);
  });

  it('bounded input: 1 MB is read to 8 KiB; no string, no answer', async () => {
    const a = (await explain('CERT_HAS_EXPIRED ' + 'A'.repeat(1024 * 1024)))!;
    assert.equal(a.truncated, true);
    assert.deepEqual(a.recognised, ['node/cert-has-expired']);
    assert.ok(JSON.stringify(a).length < 64 * 1024);
    assert.equal(await explain(42), null);
    assert.equal(await client.conn.sendRequest('tlsLens/explain', null), null);
  });
});
