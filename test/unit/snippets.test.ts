import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { ROOT } from '../helpers/paths';
import { checkAlone } from '../helpers/engine';

/** Expands a snippet body with its default placeholder values. */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}/g, 'MIIBszCCAVmgAwIBAgIU')
    .replace(/\$\d+/g, '') + '\n';
}

describe('snippets/yaml.json', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/yaml.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
  it('has the TLS blocks the product needs', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const p of ['tls-ingress', 'tls-clusterissuer-http01', 'tls-clusterissuer-dns01', 'tls-certificate', 'tls-secret', 'tls-spinnaker-mtls', 'tls-openchoreo-dataplane', 'tls-opschain-values', 'tls-gateway', 'tls-gateway-cert-manager', 'tls-referencegrant', 'tls-backendtlspolicy']) assert.ok(prefixes.includes(p), p);
  });
  for (const [name, s] of Object.entries(snippets)) {
    it(`${name}: selects its schema and validates clean`, () => {
      const text = expand(s.body);
      const uri = s.prefix === 'tls-opschain-values' ? '/w/values.yaml' : '/w/snippet.yaml';
      const { model, findings } = checkAlone({ uri, languageId: 'yaml', text }, DEFAULT_SETTINGS);
      assert.ok(model.yaml!.documents[0].schema?.entry, `no schema for ${name}`);
      // Tabstops are filled with base64 that is no certificate: only content findings (PEM, Secret data) may appear.
      // A snippet alone names Secrets and ConfigMaps that no file holds: unresolved-reference may appear.
      assert.deepEqual(findings.filter((f) => !f.ruleId.startsWith('pem/') && f.ruleId !== 'k8s/invalid-secret-data' && f.ruleId !== 'xref/unresolved-reference').map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
