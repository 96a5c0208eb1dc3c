import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';

describe('language server over stdio: a workspace (cross-file checks, hover, definition)', () => {
  let client: LspClient;
  const root = path.join(FIXTURES, 'xref/bad-hostname-not-covered');
  const file = path.join(root, 'ingress.yaml');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  before(async () => {
    client = new LspClient();
    await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } } });
    client.conn.onRequest('window/workDoneProgress/create', () => null);
    await client.conn.sendNotification('initialized', {});
    await client.open(uri, 'yaml', text);
  });
  after(() => client.shutdown());

  it('reports the uncovered host once the background index has the Secret', async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'));
    const d = diags.find((x) => x.code === 'xref/hostname-not-covered')!;
    assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'api.example.com');
    const related = (d as unknown as { relatedInformation: { location: { uri: string } }[] }).relatedInformation;
    assert.ok(related[0].location.uri.endsWith('secret.yaml'), JSON.stringify(related));
  });

  it('hovers a secretName with the certificate and the hosts it covers', async () => {
    const line = lines.findIndex((l) => l.includes('secretName: app-tls'));
    const h = await client.hover(uri, line, lines[line].indexOf('app-tls') + 2);
    assert.match(h!.contents.value, /Ingress tls\\\[0\\\]\.secretName\*\* → Secret default\/app-tls tls\.crt/);
    assert.match(h!.contents.value, /✓ app\.example\.com · ✗ api\.example\.com/);
    assert.match(h!.contents.value, /SANs \| DNS: app\.example\.com/);
  });

  it('goes to the Secret from the reference', async () => {
    const line = lines.findIndex((l) => l.includes('secretName: app-tls'));
    const loc = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character: lines[line].indexOf('app-tls') + 1 } }) as { uri: string; range: { start: { line: number } } };
    assert.ok(loc.uri.endsWith('/secret.yaml'));
    const secretLines = fs.readFileSync(path.join(root, 'secret.yaml'), 'utf8').split('\n');
    assert.match(secretLines[loc.range.start.line], /^\s+tls\.crt:/);
  });

  it('an edit to the Secret re-checks the Ingress (no rescan)', async () => {
    const secretFile = path.join(root, 'secret.yaml');
    const secretUri = pathToFileURL(secretFile).href;
    // Remove tls.crt from the open Secret: the host check has nothing to compare with any more.
    const edited = fs.readFileSync(secretFile, 'utf8').split('\n').filter((l) => !l.includes('tls.crt')).join('\n');
    await client.open(secretUri, 'yaml', edited);
    client.reset(uri);
    const diags = await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'xref/hostname-not-covered' && /app-tls|secretName points/.test(x.message) && x.message.includes("'api.example.com'")));
    assert.ok(!diags.some((x) => x.code === 'xref/hostname-not-covered' && x.message.includes("'api.example.com' is not covered")));
  });
});
