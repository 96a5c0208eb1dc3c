import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/model/document';
import { refsOf } from '../../server/src/model/refs';
import { nodeHost } from '../../server/src/host';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { FIXTURES } from '../helpers/paths';

describe('references across files', () => {
  it('SpinnakerService: Go files, encryptedFile Secrets and Java keystores', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'schema/ok-invalid-value.yaml'), 'utf8');
    const m = buildModel({ uri: '/w/spin.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 1024 });
    const refs = refsOf(m).references.map((r) => `${r.via} → ${r.kind}:${r.target}${r.key ? `[${r.key}]` : ''} (${r.role})`);
    assert.ok(refs.includes('dinghy server.ssl.certFile → secret:dinghy-cert[dinghy.crt] (serve)'), refs.join('\n'));
    assert.ok(refs.includes('dinghy server.ssl.keyFile → secret:dinghy-cert[dinghy.key] (serve-key)'));
    assert.ok(refs.includes('front50 server.ssl.key-store → secret:front50-cert[front50.p12] (store)'));
    assert.ok(refs.includes('front50 ok-http-client.trust-store → secret:truststore[truststore.p12] (store)'));
  });

  it('a keystore file resolves (it exists) without being opened; a missing one does not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-refs-'));
    try {
      fs.writeFileSync(path.join(dir, 'gate.p12'), Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]));
      const text = ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        server:', '          ssl:', '            key-store: gate.p12', '            trust-store: missing.p12', ''].join('\n');
      const file = path.join(dir, 'spin.yaml');
      const m = buildModel({ uri: file, languageId: 'yaml', text }, { maxFileSizeKB: 1024 });
      const index = new WorkspaceIndex(nodeHost, [dir]);
      const [ks, ts] = refsOf(m).references;
      assert.match(index.resolve(ks, file)!.description, /gate\.p12 \(a keystore: not opened\)/);
      assert.equal(index.resolve(ts, file), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
