/**
 * Charts as they render, in the language server: after the workspace scan the engine worker
 * renders the releases the workspace declares with a real helm (tlsLens.helm.path), and a values
 * file's diagnostics carry the findings that land on it; a save renders again.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';
import { helmPath } from '../helpers/helm';

function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-lsp-render-'));
  fs.cpSync(path.join(FIXTURES, 'render'), root, { recursive: true });
  fs.mkdirSync(path.join(root, '.git'));
  return root;
}

describe('language server over stdio: rendered Helm releases', () => {
  let client: LspClient;
  let root: string;
  let valuesFile: string;
  let uri: string;
  before(async () => {
    root = workspace();
    valuesFile = path.join(root, 'modeline/shop-prod.yaml');
    uri = pathToFileURL(valuesFile).href;
    client = new LspClient();
    client.settings = { helm: { path: helmPath() } };
    await client.initializeWorkspace(root);
    await client.open(uri, 'yaml', fs.readFileSync(valuesFile, 'utf8'));
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("the listener hostname the certificate lacks, on the values file's line, from the rendered Gateway", async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'), 60_000);
    const d = diags.find((x) => x.code === 'xref/hostname-not-covered')!;
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /'modeline\.example\.com' is not among the dnsNames .*\[rendered: Gateway shop in namespace prod, rendered from templates\/gateway\.yaml/);
  });

  it('a hover on the value shows the rendered object it became', async () => {
    const h = await client.hover(uri, 2, 16);
    assert.match(h!.contents.value, /\*\*Rendered:\*\* Gateway shop in namespace prod, rendered from templates\/gateway\.yaml by the modeline of this values file/);
    assert.match(h!.contents.value, /```yaml\n[\s\S]*hostname: "modeline\.example\.com"[\s\S]*```/);
  });

  it('a save renders again: the new hostname is the one reported', async () => {
    const text = fs.readFileSync(valuesFile, 'utf8').replace('modeline.example.com', 'saved.example.com');
    await client.change(uri, 2, text);
    fs.writeFileSync(valuesFile, text);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered' && /saved\.example\.com/.test(x.message)), 60_000);
    assert.equal(diags.find((x) => x.code === 'xref/hostname-not-covered')!.range.start.line, 2);
  });

  it("helm's failure is a finding on the helmfile's values entry", async () => {
    const helmfile = path.join(root, 'helmfile/helmfile.yaml');
    const hUri = pathToFileURL(helmfile).href;
    await client.open(hUri, 'yaml', fs.readFileSync(helmfile, 'utf8'));
    const diags = await client.diagnosticsFor(hUri, (d) => d.some((x) => x.code === 'render/render-failed' && /'failing'/.test(x.message)), 60_000);
    assert.equal(diags.find((x) => /'failing'/.test(x.message))!.range.start.line, 10);
  });
});

describe('language server over stdio: no helm, or an untrusted workspace', () => {
  for (const [name, settings, trusted, expected] of [
    ['no helm', { helm: { path: '/nonexistent/helm' } }, true, /helm not found: rendered checks are off for release 'shop'/],
    ['untrusted', { helm: { path: '/nonexistent/helm' } }, false, /never runs helm in an untrusted workspace/],
  ] as const) {
    it(`${name}: one information finding on the release`, async () => {
      const root = workspace();
      const client = new LspClient();
      try {
        client.settings = settings;
        await client.initializeWorkspace(root, { trusted });
        const file = path.join(root, 'modeline/shop-prod.yaml');
        const uri = pathToFileURL(file).href;
        await client.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
        const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'render/not-rendered'), 60_000);
        assert.match(diags.find((x) => x.code === 'render/not-rendered')!.message, expected);
      } finally {
        await client.shutdown();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

describe('language server over stdio: releases from tlsLens.helm.releases', () => {
  it('a release no file declares: the finding lands on its values file', async () => {
    const root = workspace();
    // Only the setting declares a release here.
    for (const d of ['helmfile', 'argocd', 'flux', 'modeline']) fs.rmSync(path.join(root, d), { recursive: true });
    const client = new LspClient();
    try {
      client.settings = { helm: { path: helmPath(), releases: [{ chart: 'charts/shop', release: 'shop', namespace: 'prod', values: ['values/prod-bad.yaml'] }] } };
      await client.initializeWorkspace(root);
      const file = path.join(root, 'values/prod-bad.yaml');
      const uri = pathToFileURL(file).href;
      await client.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
      const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'xref/hostname-not-covered'), 60_000);
      const d = diags.find((x) => x.code === 'xref/hostname-not-covered')!;
      assert.equal(d.range.start.line, 1);
      assert.match(d.message, /by tlsLens\.helm\.releases\[0\]/);
    } finally {
      await client.shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
