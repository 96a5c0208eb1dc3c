/**
 * schema/kube.ts: the API server's checks beyond OpenAPI (CRD validation rules in CEL, list
 * types), on small schemas written here, each with the input that fails and one that passes.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { celName, kubeProblems, withDefaults } from '../../server/src/schema/kube';

function problems(schema: Record<string, unknown>, text: string): string[] {
  const doc = parseDocument(text, { keepSourceTokens: true }) as Parameters<typeof kubeProblems>[2]['doc'];
  return kubeProblems(schema, doc.toJSON(), { doc, text, fallback: { start: 0, end: 1 } }).map((p) => `${text.slice(p.span.start, p.span.end)} | ${p.message}`);
}

const rule = (r: string, message = 'failed', extra: Record<string, unknown> = {}) => ({ 'x-kubernetes-validations': [{ rule: r, message, ...extra }] });

describe('CRD validation rules (CEL)', () => {
  it('reports a failing rule on its field with the CRD message, and nothing when it holds', () => {
    const schema = { type: 'object', properties: { spec: { type: 'object', properties: { port: { type: 'integer' } }, ...rule('self.port < 1024', 'port must be privileged') } } };
    assert.deepEqual(problems(schema, 'spec:\n  port: 8080\n'), ['spec | spec: port must be privileged']);
    assert.deepEqual(problems(schema, 'spec:\n  port: 443\n'), []);
  });
  it('escapes reserved property names as Kubernetes does (namespace → __namespace__)', () => {
    assert.equal(celName('namespace'), '__namespace__');
    assert.equal(celName('a-b.c'), 'a__dash__b__dot__c');
    const schema = { type: 'object', properties: { ref: { type: 'object', properties: { namespace: { type: 'string' } }, ...rule("!has(self.__namespace__) || self.__namespace__ != 'kube-system'") } } };
    assert.equal(problems(schema, 'ref:\n  namespace: kube-system\n').length, 1);
    assert.deepEqual(problems(schema, 'ref:\n  namespace: apps\n'), []);
  });
  it('calls the Kubernetes extension functions: isIP, format.dns1123Label().validate, strings', () => {
    const s = (r: string) => ({ type: 'object', properties: { v: { type: 'string', ...rule(r) } } });
    assert.equal(problems(s('!isIP(self)'), 'v: 10.0.0.1\n').length, 1);
    assert.deepEqual(problems(s('!isIP(self)'), 'v: app.example.com\n'), []);
    assert.equal(problems(s('format.dns1123Label().validate(self) == null'), 'v: Not_A_Label\n').length, 1);
    assert.deepEqual(problems(s('format.dns1123Label().validate(self) == null'), 'v: a-label\n'), []);
    assert.equal(problems(s("self.split('.').size() == 3"), 'v: a.b\n').length, 1);
  });
  it('applies defaults before the rules (tls.mode defaults to Terminate)', () => {
    const tls = { type: 'object', properties: { mode: { type: 'string', default: 'Terminate' }, certificateRefs: { type: 'array' } }, ...rule("self.mode == 'Terminate' ? has(self.certificateRefs) : true", 'certificateRefs required') };
    const schema = { type: 'object', properties: { tls } };
    assert.deepEqual(withDefaults(schema, { tls: {} }), { tls: { mode: 'Terminate' } });
    assert.deepEqual(problems(schema, 'tls: {}\n'), ['tls | tls: certificateRefs required']);
    assert.deepEqual(problems(schema, 'tls:\n  mode: Passthrough\n'), []);
  });
  it('an integer field is a CEL int (int comparisons and arithmetic work)', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', ...rule('self + 1 == 2') } } };
    assert.deepEqual(problems(schema, 'n: 1\n'), []);
  });
  it('a rule that cannot be evaluated rejects the object; a transition rule (oldSelf) is skipped', () => {
    const s = (r: string) => ({ type: 'object', properties: { o: { type: 'object', ...rule(r) } } });
    assert.equal(problems(s('self.missing == 1'), 'o: {}\n').length, 1);
    assert.deepEqual(problems(s('self == oldSelf'), 'o: {a: 1}\n'), []);
  });
  it('does not judge a value holding a template action, nor a list past maxItems', () => {
    const s = { type: 'object', properties: { v: { type: 'string', ...rule("self.startsWith('a')") }, l: { type: 'array', maxItems: 2, items: { type: 'integer' }, ...rule('self.all(x, self.exists_one(y, y == x))') } } };
    assert.deepEqual(problems(s, 'v: "{{ .Values.v }}"\n'), []);
    assert.equal(problems(s, 'v: bcd\n').length, 1);
    assert.equal(problems(s, 'l: [1, 1]\n').length, 1);
    assert.deepEqual(problems(s, 'l: [1, 1, 1]\n'), []);
  });
});

describe('list types', () => {
  it('a list-map key given twice is a duplicate, on the second item', () => {
    const schema = { type: 'object', properties: { listeners: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object' } } } };
    assert.deepEqual(problems(schema, 'listeners:\n- name: a\n- name: b\n- name: a\n'), ['name: a | listeners[2]: Duplicate value: the same name "a" as listeners[0]']);
    assert.deepEqual(problems(schema, 'listeners:\n- name: a\n- name: b\n'), []);
  });
  it('a set item given twice is a duplicate', () => {
    const schema = { type: 'object', properties: { s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } };
    assert.equal(problems(schema, 's: [x, y, x]\n').length, 1);
    assert.deepEqual(problems(schema, 's: [x, y]\n'), []);
  });
});
