/**
 * The product modules: every quick fix a product rule offers, applied to the text, leaves YAML
 * that parses and no longer has the finding; the products are listed once with their rules,
 * fixtures and the guides they cite; and the constraint engine binds path variables.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS, Finding } from '../../server/src/engine';
import { CATALOG, PRODUCTS } from '../../server/src/products';
import { RULES } from '../../server/src/rules/registry';
import { FIXTURES } from '../helpers/paths';
import { GUIDES } from '../../server/src/products/guides';
import { checkAlone } from '../helpers/engine';

interface Fix { title: string; edits: { span: { start: number; end: number }; newText: string }[] }

const apply = (text: string, edits: Fix['edits']) => [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
const check = (text: string, uri = '/w/values.yaml') => checkAlone({ uri, languageId: 'yaml', text }, DEFAULT_SETTINGS).findings;

/** Applies each fix of each finding of `rule`; the fixed text must parse and lose that finding. */
function fixesClear(text: string, rule: string): string[] {
  const found = check(text).filter((f) => f.ruleId === rule);
  assert.ok(found.length > 0, `${rule} fires before the fix`);
  const titles: string[] = [];
  for (const f of found) {
    const fixes = ((f as Finding & { fix?: { fixes?: Fix[] } }).fix?.fixes ?? []);
    assert.ok(fixes.length > 0, `${rule}: a quick fix is offered`);
    for (const fix of fixes) {
      titles.push(fix.title);
      const fixed = apply(text, fix.edits);
      assert.deepEqual(parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.message)), [], `${fix.title}: the result parses\n${fixed}`);
      const after = check(fixed).filter((x) => x.ruleId === rule && x.span.start === f.span.start);
      assert.deepEqual(after.map((x) => x.message), [], `${fix.title}: the finding is gone\n${fixed}`);
    }
  }
  return titles;
}

const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

describe('product quick fixes', () => {
  it('opschain/api-hostname copies one value to the other, both ways', () => {
    assert.deepEqual(fixesClear(fixture('opschain/bad-api-hostname.yaml'), 'opschain/api-hostname'), ["Set env.OPSCHAIN_API_HOST_NAME to 'opschain.my-company.com'", "Set api.hostName to 'opschain-api.my-company.com'"]);
  });
  it('opschain/registry-hostname sets the odd one to the majority', () => {
    assert.deepEqual(fixesClear(fixture('opschain/bad-registry-hostname.yaml'), 'opschain/registry-hostname'), ["Set trow.ingress.hosts[0].host to 'image-registry.my-company.com'"]);
  });
  it('spinnaker/base-url-scheme switches to https', () => {
    assert.deepEqual(fixesClear(fixture('spinnaker/bad-base-url-scheme.yaml'), 'spinnaker/base-url-scheme'), ['Use https://']);
  });
  it('spinnaker/tcp-probe sets useTcpProbe, or adds it (with the blocks it needs)', () => {
    fixesClear(fixture('spinnaker/bad-tcp-probe.yaml'), 'spinnaker/tcp-probe');
    const without = fixture('spinnaker/bad-tcp-probe.yaml').replace(/    service-settings:[\s\S]*$/, '');
    fixesClear(without, 'spinnaker/tcp-probe');
  });
  it('spinnaker/mtls-rollout sets want first', () => {
    assert.deepEqual(fixesClear(fixture('spinnaker/bad-mtls-rollout.yaml'), 'spinnaker/mtls-rollout'), ['Set gate server.ssl.client-auth to want (roll out first)']);
  });
  it('certctl/readiness-path and certctl/probe-scheme', () => {
    fixesClear(fixture('certctl/bad-readiness-path.yaml'), 'certctl/readiness-path');
    fixesClear(fixture('certctl/bad-probe-scheme.yaml'), 'certctl/probe-scheme');
  });
  it('opschain/insecure-http-disabled keeps the listener on', () => {
    fixesClear(fixture('opschain/bad-insecure-http-disabled.yaml'), 'opschain/insecure-http-disabled');
  });
});

describe('products', () => {
  it('each product is one module with its guide, knowledge, recognition, and rules with fixtures', () => {
    const ids = PRODUCTS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const p of PRODUCTS) {
      assert.ok(fs.existsSync(path.join(__dirname, '../../../server/src/products', `${p.id}.ts`)), `products/${p.id}.ts`);
      assert.ok(p.guide.length > 5 && p.knows.length > 0, `${p.id}: guide and knowledge`);
      assert.ok(p.kinds?.length || p.values, `${p.id}: how it is recognised`);
      const guides = new RegExp(`${Object.values(GUIDES).join('|')}|RFC|cert-manager|Helm`);
      for (const c of p.constraints) assert.match(c.citation, guides, `${p.id}/${c.name} cites its source`);
    }
    for (const g of Object.values(GUIDES)) assert.ok(PRODUCTS.some((p) => p.guide.includes(g)), `${g} has a product`);
    const productRules = RULES.filter((r) => PRODUCTS.some((p) => r.meta.id.startsWith(`${p.id}/`)));
    assert.ok(productRules.length >= 30, `${productRules.length} product rules`);
  });

  it('every schema a product names is one of its own files of schemas/, and every document schema there belongs to one product', () => {
    const owned = new Map<string, string>();
    for (const p of PRODUCTS) {
      const used = [...(p.kinds ?? []).flatMap((k) => (k.schema ? [k.schema] : [])), ...(p.values ? [p.values.schema] : []), ...p.constraints.map((c) => c.schema)];
      for (const id of used) assert.ok(p.schemas[id], `${p.id} names schema '${id}' but does not list its file`);
      for (const [id, file] of Object.entries(p.schemas)) {
        assert.ok(!owned.has(file), `schemas/${file} is listed by ${owned.get(file)} and ${p.id}`);
        owned.set(file, p.id);
        assert.ok(fs.existsSync(path.join(__dirname, '../../../schemas', file)), `${p.id}: schemas/${file} (${id})`);
      }
    }
    const files = fs.readdirSync(path.join(__dirname, '../../../schemas')).filter((f) => f.endsWith('.schema.json') && !f.endsWith('-output.schema.json'));
    for (const f of files) assert.ok(owned.has(f), `schemas/${f} belongs to no product`);
    assert.equal(new Set(CATALOG.map((e) => e.id)).size, CATALOG.length, 'schema ids are unique');
  });

  it('path variables bind across a constraint: a Go service is never asked for a Java keystore', () => {
    const text = fixture('spinnaker/ok-java-keystore.yaml');
    assert.deepEqual(check(text).map((f) => f.ruleId), []);
    const noKeystore = text.replace(/            keyStore:.*\n/, '');
    assert.deepEqual(check(noKeystore).map((f) => `${f.ruleId} ${f.message.slice(0, 40)}`), ['spinnaker/java-keystore orca has server.ssl.enabled: true but no']);
  });
});
