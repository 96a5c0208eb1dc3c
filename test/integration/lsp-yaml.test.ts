import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp';
import { FIXTURES } from '../helpers/paths';

describe('language server over stdio: a values.yaml', () => {
  let client: LspClient;
  const file = path.join(FIXTURES, 'schema/bad-certctl.values.yaml');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  before(async () => {
    client = new LspClient();
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider);
    assert.ok(init.capabilities.codeActionProvider);
    await client.open(uri, 'yaml', text);
  });
  after(() => client.shutdown());

  it('publishes the schema diagnostics on exact ranges', async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => /challengeType/.test(x.message)));
    const challenge = diags.find((d) => /challengeType/.test(d.message))!;
    assert.equal(challenge.code, 'schema/invalid-value');
    assert.equal(challenge.severity, 1);
    const l = lines[challenge.range.start.line];
    assert.equal(l.slice(challenge.range.start.character, challenge.range.end.character), 'tls-alpn-01');
    assert.ok(diags.some((d) => d.code === 'schema/unknown-key' && /did you mean 'duration'/.test(d.message)));
    assert.match(challenge.codeDescription!.href, /docs\/rules\/schema\/invalid-value\.md$/);
  });

  it('offers the enum values as quick fixes', async () => {
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => /challengeType/.test(x.message)));
    const challenge = diags.filter((d) => /challengeType/.test(d.message));
    const actions = await client.codeActions(uri, challenge);
    assert.deepEqual(actions.map((a) => a.title), ["Change to 'http-01'", "Change to 'dns-01'", "Change to 'dns-persist-01'"]);
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[1].edit!.changes[uri][0].newText, 'dns-01');
  });

  it('hovers a key with its description and source, and the first line with the schema', async () => {
    const line = lines.findIndex((l) => l.includes('challengeType:'));
    const h = await client.hover(uri, line, 8);
    assert.match(h!.contents.value, /\*\*challengeType\*\*/);
    assert.match(h!.contents.value, /Allowed: `http-01`, `dns-01`, `dns-persist-01`/);
    const first = await client.hover(uri, 0, 3);
    assert.match(first!.contents.value, /certctl Helm chart values.*`schemas\/certctl-values\.schema\.json`.*holds certctl values: `server\.auth`, `server\.issuer`/s);
  });

  it('completes keys at the cursor', async () => {
    const line = lines.findIndex((l) => l.startsWith('    mode: verify'));
    // An empty line inside postgresql.tls: ask at its indentation.
    const edited = [...lines.slice(0, line + 1), '    ', ...lines.slice(line + 1)].join('\n');
    await client.change(uri, 2, edited);
    const res = await client.completion(uri, line + 1, 4);
    const labels = (Array.isArray(res) ? res : res.items).map((i) => i.label);
    assert.deepEqual(labels, ['caSecretRef']);
  });
});
