/**
 * Gateway API: hostname intersection as the specification words it, and the ReferenceGrant quick
 * fix (applied, the finding is gone and the grant is valid; a hostile name gets no fix).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, Finding } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';
import { hostnamesIntersect, referenceGrantYaml, servedName } from '../../server/src/products/gateway-api';
import type { SpanFix } from '../../server/src/core/fixes';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES } from '../helpers/paths';

describe('Gateway API hostname intersection (HTTPRoute spec.hostnames)', () => {
  it('a listener test.example.com meets routes test.example.com and *.example.com', () => {
    assert.ok(hostnamesIntersect('test.example.com', 'test.example.com'));
    assert.ok(hostnamesIntersect('test.example.com', '*.example.com'));
    assert.ok(!hostnamesIntersect('test.example.com', 'other.example.com'));
  });
  it('a listener *.example.com meets *.example.com, test.example.com and foo.test.example.com, not example.com nor test.example.net', () => {
    for (const h of ['*.example.com', 'test.example.com', 'foo.test.example.com', 'TEST.example.com']) assert.ok(hostnamesIntersect('*.example.com', h), h);
    for (const h of ['example.com', 'test.example.net']) assert.ok(!hostnamesIntersect('*.example.com', h), h);
  });
  it('the name served is the more specific of the two', () => {
    assert.equal(servedName('*.example.com', 'a.b.example.com'), 'a.b.example.com');
    assert.equal(servedName('app.example.com', '*.example.com'), 'app.example.com');
    assert.equal(servedName(undefined, 'shop.example.com'), 'shop.example.com');
  });
});

function checkFolder(dir: string, replace: Record<string, string> = {}): Map<string, { text: string; findings: readonly Finding[] }> {
  const engine = new Engine({ host: new NodeHost({ roots: [dir] }), clock: () => FIXTURE_NOW, workspace: true });
  engine.workspace!.complete = true;
  const docs = fs.readdirSync(dir).map((f) => path.join(dir, f)).map((f) => ({ uri: f, languageId: 'yaml', text: replace[f] ?? fs.readFileSync(f, 'utf8') }));
  return new Map(engine.check(docs).map((c) => [c.doc.uri, { text: c.doc.text, findings: c.findings }]));
}

describe('gateway-api/ref-not-permitted quick fix', () => {
  const dir = path.join(FIXTURES, 'gateway-api', 'bad-ref-not-permitted');
  const gateway = path.join(dir, 'gateway.yaml');
  it('adds a ReferenceGrant that permits the reference: applied, the finding is gone and nothing new is reported', () => {
    const before = checkFolder(dir).get(gateway)!;
    const finding = before.findings.find((f) => f.ruleId === 'gateway-api/ref-not-permitted');
    assert.ok(finding, 'the bad fixture reports it');
    const fixes = (finding.fix as { fixes?: readonly SpanFix[] } | undefined)?.fixes ?? [];
    assert.equal(fixes.length, 1);
    assert.match(fixes[0].title, /Add ReferenceGrant 'infra-gateway-wildcard-tls' in namespace 'certs'/);
    let text = before.text;
    for (const e of [...fixes[0].edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    const after = checkFolder(dir, { [gateway]: text }).get(gateway)!;
    const others = (fs: readonly Finding[]) => fs.filter((f) => f.ruleId !== 'gateway-api/ref-not-permitted').map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(after.findings.filter((f) => f.ruleId === 'gateway-api/ref-not-permitted'), []);
    assert.deepEqual(others(after.findings), others(before.findings), 'the grant it writes is valid (no schema finding)');
  });
  it('writes no grant when a name is not a plain Kubernetes name (a value cannot inject YAML)', () => {
    const base = { kind: 'gateway-api/cross-namespace-ref' as const, span: { start: 0, end: 1 }, via: 'x', from: { kind: 'Gateway', name: 'web', namespace: 'infra' } };
    const ref = { group: '', kind: 'Secret', name: 'tls', namespace: 'certs', span: { start: 0, end: 1 } };
    assert.ok(referenceGrantYaml({ ...base, ref }));
    assert.equal(referenceGrantYaml({ ...base, ref: { ...ref, namespace: 'certs\n  labels: {}' } }), undefined);
    assert.equal(referenceGrantYaml({ ...base, ref: { ...ref, name: 'tls\nkind: Secret' } }), undefined);
    assert.equal(referenceGrantYaml({ ...base, ref, from: { ...base.from, namespace: undefined } }), undefined);
  });
});

describe('gateway-api/shim-listener-skipped quick fix', () => {
  const dir = path.join(FIXTURES, 'gateway-api', 'bad-shim-listener-skipped');
  const gateway = path.join(dir, 'gateway.yaml');
  it('sets the listener\'s hostname to its route\'s: applied, gateway-shim issues the Secret and nothing is reported on the listener', () => {
    const before = checkFolder(dir).get(gateway)!;
    const finding = before.findings.find((f) => f.ruleId === 'gateway-api/shim-listener-skipped')!;
    const fixes = (finding.fix as { fixes?: readonly SpanFix[] } | undefined)?.fixes ?? [];
    assert.deepEqual(fixes.map((f) => f.title), ["Set the listener's hostname to 'shop.example.com' (gateway-shim then issues its certificate)"]);
    let text = before.text;
    for (const e of [...fixes[0].edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    assert.match(text, /  - name: default\n[\s\S]*?      - name: default-tls\n    hostname: shop\.example\.com\n/);
    const after = checkFolder(dir, { [gateway]: text }).get(gateway)!;
    assert.deepEqual(after.findings.map((f) => `${f.ruleId} ${f.message}`), []);
  });
});
