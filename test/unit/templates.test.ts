// Values written with template actions (`{{ … }}`) are unknown, not names: in a chart template
// (masked, offsets kept) and in a values file's `tpl` strings, they read as TemplateValues, which
// no product takes for a name, a host or a Secret, and on which no constraint or schema content
// check rests.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { refsOf } from '../../server/src/products/refs';
import { locate, maskTemplateActions, parseYaml, plainJson, TemplateValue } from '../../server/src/parse/yaml';
import { evaluate } from '../../server/src/products/constraints';
import { obj, str, unknown } from '../../server/src/products/json';
import type { Constraint } from '../../server/src/products/types';
import { checkAlone, modelOf } from '../helpers/engine';

const CERTIFICATE = [
  'apiVersion: cert-manager.io/v1',
  'kind: Certificate',
  'metadata:',
  '  name: {{ .Values.controllerManager.name }}-webhook-server-cert',
  '  labels:',
  '    {{- include "labels" . | nindent 4 }}',
  'spec:',
  '  dnsNames:',
  "    - '{{ .Values.controllerManager.name }}-webhook-service.{{ .Release.Namespace }}.svc'",
  '    - {{ .Values.host | quote }}',
  '    - webhook.example.com',
  '  issuerRef:',
  '    kind: Issuer',
  "    name: '{{ .Values.controllerManager.name }}-selfsigned-issuer'",
  '  secretName: {{ .Values.controllerManager.name }}-webhook-server-cert',
  '',
].join('\n');

const written = (v: unknown) => (v instanceof TemplateValue ? `T:${v.written}` : v);

describe('template values', () => {
  it('in a chart template, a scalar written with an action is a TemplateValue, as written; the rest reads as before', () => {
    const [d] = parseYaml(CERTIFICATE, '/chart/templates/cert.yaml').documents;
    const json = d.json as { metadata: Record<string, unknown>; spec: { dnsNames: unknown[]; issuerRef: Record<string, unknown>; secretName: unknown } };
    assert.equal(written(json.spec.issuerRef.name), 'T:{{ .Values.controllerManager.name }}-selfsigned-issuer');
    assert.equal(written(json.metadata.name), 'T:{{ .Values.controllerManager.name }}-webhook-server-cert');
    assert.equal(written(json.spec.secretName), 'T:{{ .Values.controllerManager.name }}-webhook-server-cert');
    assert.deepEqual(json.spec.dnsNames.map(written), ['T:{{ .Values.controllerManager.name }}-webhook-service.{{ .Release.Namespace }}.svc', 'T:{{ .Values.host | quote }}', 'webhook.example.com']);
    assert.equal(json.spec.issuerRef.kind, 'Issuer');
    // An action alone on its line writes a block the template does not show: nothing is read there.
    assert.equal(json.metadata.labels, null);
    assert.equal(d.templated, true);
    // Offsets are kept: the issuerRef name's span is the quoted value in the text.
    const span = locate(d.doc, ['spec', 'issuerRef', 'name'])!.valueSpan!;
    assert.equal(CERTIFICATE.slice(span.start, span.end), "'{{ .Values.controllerManager.name }}-selfsigned-issuer'");
  });

  it('masking: filler inside a line, blanks for an action alone on its line or one that writes nothing; offsets kept', () => {
    const text = 'a: {{ .x }}-y\n{{- if .z }}\nb: c {{/* note */}}\n  {{- include "l" . | nindent 2 }}\n';
    const masked = maskTemplateActions(text);
    assert.equal(masked.length, text.length);
    assert.deepEqual(masked.split('\n').map((l) => l.replace(/\u00b7+/g, '·').trimEnd()), ['a: ·-y', '', 'b: c', '', '']);
  });

  it('a `tpl` string in a values file is a TemplateValue too; schemas see it as written', () => {
    const m = modelOf({ uri: '/c/values.yaml', languageId: 'yaml', text: 'ingress:\n  hosts:\n    - host: "{{ .Values.global.domain }}"\n  tls:\n    - hosts: ["{{ .Values.global.domain }}"]\n      secretName: app-tls\n' }, { maxFileSizeKB: 64 });
    const d = m.yaml!.documents[0];
    assert.ok(unknown((d.json as { ingress: { hosts: { host: unknown }[] } }).ingress.hosts[0].host));
    assert.deepEqual(plainJson(d.json), { ingress: { hosts: [{ host: '{{ .Values.global.domain }}' }], tls: [{ hosts: ['{{ .Values.global.domain }}'], secretName: 'app-tls' }] } });
    // Not a name, not a host: the ingress says its tls hosts are unknown, the Secret is named.
    const refs = refsOf(m);
    assert.deepEqual(refs.ingresses.map((i) => [i.tlsHosts, i.ruleHosts.length, i.tlsHostsUnknown]), [[[], 0, true]]);
    assert.deepEqual(refs.references.map((r) => [r.target, r.hosts?.length]), [['app-tls', 0]]);
  });

  it('products: neither a string nor a mapping; a Certificate template names no issuer, Secret or host it does not spell out', () => {
    const t = new TemplateValue('{{ .Values.name }}');
    assert.equal(str(t), undefined);
    assert.equal(obj(t), undefined);
    assert.equal(String(t), '{{ .Values.name }}');
    assert.deepEqual(Object.keys(t), []);
    const refs = refsOf(modelOf({ uri: '/chart/templates/cert.yaml', languageId: 'yaml', text: CERTIFICATE }, { maxFileSizeKB: 64 }));
    assert.deepEqual(refs.issuerRefs, []);
    assert.deepEqual(refs.pending, []);
    const literal = refsOf(modelOf({ uri: '/chart/templates/cert.yaml', languageId: 'yaml', text: CERTIFICATE.replace("'{{ .Values.controllerManager.name }}-selfsigned-issuer'", 'vault-issuer').replace(/secretName: .*/, 'secretName: webhook-tls') }, { maxFileSizeKB: 64 }));
    assert.deepEqual(literal.issuerRefs.map((r) => [r.name, r.dnsNames.map((n) => n.value)]), [['vault-issuer', ['webhook.example.com']]]);
    assert.deepEqual(literal.pending.map((p) => [p.secretName, p.dnsNames]), [['webhook-tls', ['webhook.example.com']]]);
  });

  it('a Secret value written with an action is a key of unknown content: no invalid-data finding, no certificate', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-tls\ndata:\n  tls.crt: "{{ .Values.tls.crt | b64enc }}"\n';
    const m = modelOf({ uri: '/c/secret.yaml', languageId: 'yaml', text }, { maxFileSizeKB: 64 });
    const entry = refsOf(m).objects[0].entries.get('tls.crt')!;
    assert.equal(entry.unknown, true);
    assert.equal(entry.notBase64, undefined);
    assert.deepEqual(checkAlone({ uri: '/c/secret.yaml', languageId: 'yaml', text }, DEFAULT_SETTINGS).findings.map((f) => f.ruleId), []);
  });

  it('constraints rest on no unknown value; known values are still weighed', () => {
    const base = { name: 't', severity: 'warning', description: 'd', citation: 'c', schema: 's', message: 'm', fixText: 'f' } as const;
    const run = (c: Constraint, yaml: string) => {
      const [d] = parseYaml(yaml, '/c/values.yaml').documents;
      return evaluate(c, d, { text: yaml }).length;
    };
    const value: Constraint = { ...base, kind: 'value', path: 'tls.mode', expect: 'strict' };
    assert.equal(run(value, 'tls:\n  mode: loose\n'), 1);
    assert.equal(run(value, 'tls:\n  mode: "{{ .Values.mode }}"\n'), 0);
    const differ: Constraint = { ...base, kind: 'differ', a: 'a', b: 'b' };
    assert.equal(run(differ, 'a: x\nb: x\n'), 1);
    assert.equal(run(differ, 'a: "{{ .Values.x }}"\nb: "{{ .Values.x }}"\n'), 0);
    const requires: Constraint = { ...base, kind: 'requires', when: { path: 'tls.enabled', equals: [true] }, then: [{ path: 'tls.secret' }, { path: 'tls.mode', value: 'strict' }] };
    assert.equal(run(requires, 'tls:\n  enabled: true\n  mode: loose\n'), 1);
    assert.equal(run(requires, 'tls:\n  enabled: "{{ .Values.tls }}"\n  mode: loose\n'), 0, 'the condition is unknown');
    assert.equal(run(requires, 'tls:\n  enabled: true\n  secret: "{{ .Values.s }}"\n  mode: "{{ .Values.m }}"\n'), 0, 'what is needed is set, to an unknown value');
    const one: Constraint = { ...base, kind: 'exactlyOne', paths: ['a', 'b'], at: 'a' };
    assert.equal(run(one, 'a: x\nb: y\n'), 1);
    assert.equal(run(one, 'a: "{{ .Values.a }}"\nb: y\n'), 0);
  });

  it('schemas judge a `tpl` string\'s type, not what it will hold (no hostname format, enum or placeholder finding)', () => {
    const r = (text: string) => checkAlone({ uri: '/c/values.yaml', languageId: 'yaml', text }, DEFAULT_SETTINGS).findings.map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(r('ingress:\n  hosts:\n    - host: "{{ .Values.global.domain }}"\n'), []);
    assert.deepEqual(r('ingress:\n  hosts:\n    - host: "not a host name"\n'), ["schema/invalid-value host must be a DNS name (a wildcard only as the whole left-most label, like *.example.com); got 'not a host name'"]);
  });
});
