import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { Engine } from '../../server/src/engine';
import { refsOf } from '../../server/src/products/refs';
import { NodeHost } from '../../server/src/host';
import { FIXTURES } from '../helpers/paths';
import { modelOf } from '../helpers/engine';

describe('references across files', () => {
  it('SpinnakerService: Go files, encryptedFile Secrets and Java keystores', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'schema/ok-invalid-value.yaml'), 'utf8');
    const m = modelOf({ uri: '/w/spin.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 1024 });
    const refs = refsOf(m).references.map((r) => `${r.via} → ${r.kind}:${r.target}${r.key ? `[${r.key}]` : ''} (${r.role})`);
    assert.ok(refs.includes('dinghy server.ssl.certFile → secret:dinghy-cert[dinghy.crt] (serve)'), refs.join('\n'));
    assert.ok(refs.includes('dinghy server.ssl.keyFile → secret:dinghy-cert[dinghy.key] (serve-key)'));
    assert.ok(refs.includes('front50 server.ssl.key-store → secret:front50-cert[front50.p12] (serve)'));
    assert.ok(refs.includes('front50 ok-http-client.trust-store → secret:truststore[truststore.p12] (ca)'));
  });

  it('Java keystores are read for their certificates (PKCS#12 by openssl, JKS by keytool), and their roles checked', (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-refs-'));
    try {
      const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
      run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=gate.example.com', '-days', '30', '-addext', 'extendedKeyUsage=serverAuth', '-addext', 'basicConstraints=critical,CA:FALSE']);
      assert.equal(run('openssl', ['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-out', 'gate.p12', '-passout', 'pass:s3cret']).status, 0);
      const keytool = run('keytool', ['-importcert', '-noprompt', '-alias', 'leaf', '-file', 'c.pem', '-keystore', 'trust.jks', '-storetype', 'JKS', '-storepass', 'changeit']);
      if (keytool.status !== 0 || keytool.error) return t.skip('keytool is not installed (Java)');
      const text = ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        ok-http-client:',
        '          key-store: gate.p12', '          key-store-type: PKCS12', '          key-store-password: s3cret', '          trust-store: trust.jks', '          trust-store-type: JKS', '          trust-store-password: changeit',
        '        server:', '          ssl:', '            trust-store: missing.p12', ''].join('\n');
      const file = path.join(dir, 'spin.yaml');
      const engine = new Engine({ host: new NodeHost({ roots: [dir] }), workspace: true });
      const [{ model: m }] = engine.index([{ uri: file, languageId: 'yaml', text }]);
      const index = engine.workspace!;
      index.complete = true;
      const byVia = (v: string) => refsOf(m).references.find((r) => r.via === v)!;
      const [ks, ts, missing] = [byVia('gate ok-http-client.key-store'), byVia('gate ok-http-client.trust-store'), byVia('gate server.ssl.trust-store')];
      assert.match(index.resolve(ks, file)!.description, /gate\.p12 \(PKCS12, 1 certificate\(s\)\)/);
      assert.match(index.resolve(ts, file)!.description, /trust\.jks \(JKS, 1 certificate\(s\)\)/);
      assert.equal(index.resolve(missing, file), undefined);
      const findings = engine.check([{ uri: file, languageId: 'yaml', text }])[0].findings.map((f) => `${f.ruleId}: ${f.message}`);
      assert.ok(findings.some((f) => /^xref\/wrong-role: The client certificate 'gate\.example\.com' \(gate ok-http-client\.key-store\) has extended key usage serverAuth without clientAuth/.test(f)), findings.join('\n'));
      assert.ok(findings.some((f) => /^xref\/wrong-role: gate ok-http-client\.trust-store should hold a CA, but 'gate\.example\.com' is not one/.test(f)), findings.join('\n'));
      assert.ok(findings.some((f) => /^xref\/unresolved-reference: File 'missing\.p12' is not in the workspace.*Named by gate server\.ssl\.trust-store\./.test(f)), findings.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
