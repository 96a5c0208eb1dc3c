/**
 * The Gateway API over LSP: a listener's certificate is checked against the Secret the index
 * carries (opened after the Gateway), its reference hovers with the hosts it covers, and a
 * cross-namespace reference offers the ReferenceGrant that permits it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: web
spec:
  gatewayClassName: eg
  listeners:
  - name: api
    protocol: HTTPS
    port: 443
    hostname: api.example.com
    tls:
      certificateRefs:
      - name: app-tls
  - name: any
    protocol: HTTPS
    port: 9443
    tls:
      certificateRefs:
      - name: app-tls
  - name: shared
    protocol: HTTPS
    port: 8443
    hostname: app.example.com
    tls:
      certificateRefs:
      - name: shared-tls
        namespace: certs
`;

describe('language server over stdio: Gateway API listeners and their Secrets', () => {
  let client: LspClient;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-gateway-'));
  const file = path.join(root, 'gateway.yaml');
  const uri = pathToFileURL(file).href;
  const lines = GATEWAY.split('\n');
  // The Secret of the listener, not on disk: the editor opens it (an unsaved buffer in the workspace).
  const secretUri = pathToFileURL(path.join(root, 'app-tls.yaml')).href;
  const secretText = fs.readFileSync(path.join(FIXTURES, 'xref/bad-hostname-not-covered/secret.yaml'), 'utf8').replace(/^  namespace: default$/m, '  namespace: web');
  before(async () => {
    fs.writeFileSync(file, GATEWAY);
    // A route on the listener without hostname: the listener serves its hostnames.
    fs.writeFileSync(path.join(root, 'route.yaml'), ['apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata:', '  name: shop', '  namespace: web',
      'spec:', '  parentRefs:', '  - name: web', '    sectionName: any', '  hostnames:', '  - app.example.com', '  - shop.example.com', ''].join('\n'));
    client = new LspClient();
    await client.initializeWorkspace(root);
    await client.open(uri, 'yaml', GATEWAY);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const at = (d: { range: { start: { line: number; character: number }; end: { character: number } } }) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);

  it('without the Secret: the listener\'s reference is unresolved, and the cross-namespace one is not permitted', async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/unresolved-reference') && d.some((x) => x.code === 'gateway-api/ref-not-permitted'));
    assert.ok(diags.some((x) => x.code === 'xref/unresolved-reference' && at(x) === 'app-tls'), JSON.stringify(diags));
    const refused = diags.find((x) => x.code === 'gateway-api/ref-not-permitted')!;
    assert.equal(at(refused), 'certs');
    const actions = await client.codeActions(uri, [refused]);
    const grant = actions.find((a) => /Add ReferenceGrant 'web-gateway-shared-tls' in namespace 'certs'/.test(a.title));
    assert.ok(grant?.edit, actions.map((a) => a.title).join(', '));
    const newText = Object.values(grant.edit.changes)[0][0].newText;
    assert.match(newText, /kind: ReferenceGrant[\s\S]*namespace: certs[\s\S]*namespace: web[\s\S]*name: shared-tls/);
  });

  it('opening its Secret checks the listener hostname against the certificate, on the hostname', async () => {
    await client.open(secretUri, 'yaml', secretText);
    client.reset(uri);
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'));
    const d = diags.find((x) => x.code === 'xref/hostname-not-covered')!;
    assert.equal(at(d), 'api.example.com');
    assert.match(d.message, /'api\.example\.com' is not covered/);
    assert.ok(!diags.some((x) => x.code === 'xref/unresolved-reference' && at(x) === 'app-tls'), 'the Secret is found');
    // The existing re-issue action: the certificate again, with the listener's hostname.
    const actions = await client.codeActions(uri, [d]);
    assert.ok(actions.some((a) => a.title === "Re-issue 'app.example.com' to cover api.example.com"), actions.map((a) => a.title).join(', '));
  });

  it('goes from the listener\'s certificateRefs to its Secret', async () => {
    const line = lines.findIndex((l) => l.includes('- name: app-tls'));
    const loc = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character: lines[line].indexOf('app-tls') + 1 } }) as { uri: string; range: { start: { line: number } } };
    assert.equal(loc.uri, secretUri);
    assert.match(secretText.split('\n')[loc.range.start.line], /^\s+tls\.crt:/);
  });

  it('hovers the listener\'s certificateRefs with the certificate and the hostname it does not cover', async () => {
    const line = lines.findIndex((l) => l.includes('- name: app-tls'));
    const h = await client.hover(uri, line, lines[line].indexOf('app-tls') + 2);
    assert.match(h!.contents.value, /Gateway web listener api certificateRefs\\\[0\\\]\*\* → Secret web\/app-tls tls\.crt/);
    assert.match(h!.contents.value, /✗ api\.example\.com/);
  });

  it('hovers a listener without hostname with the route hostnames it serves, ✓ or ✗ by its certificate', async () => {
    const line = lines.findIndex((l, i) => l.includes('- name: app-tls') && lines.slice(0, i).some((x) => x.includes('- name: any')));
    const h = await client.hover(uri, line, lines[line].indexOf('app-tls') + 2);
    assert.match(h!.contents.value, /Gateway web listener any certificateRefs/);
    assert.match(h!.contents.value, /Through HTTPRoute shop: ✓ app\.example\.com · ✗ shop\.example\.com/);
  });
});
