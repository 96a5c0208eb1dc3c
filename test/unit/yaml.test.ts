import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { parseYaml } from '../../server/src/parse/yaml';
import { isGoDuration, isTlsHostname } from '../../server/src/schema/ajv';
import { suggestKey } from '../../server/src/schema/problems';
import { selectSchema } from '../../server/src/schema/select';
import { SCHEMA_SOURCE } from '../../server/src/products';
import { globToRegExp } from '../../server/src/util/glob';
import { hoverAt } from '../../server/src/features/hover/index';
import { completionAt } from '../../server/src/features/completion/index';
import { pathFromIndentation } from '../../server/src/parse/yamlIndent';
import { codeActions } from '../../server/src/features/codeActions';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { LineIndex } from '../../server/src/util/lineIndex';
import { FIXTURE_NOW } from '../helpers/clock';
import { FIXTURES } from '../helpers/paths';
import { checkAlone, modelOf } from '../helpers/engine';

const model = (uri: string, text: string) => modelOf({ uri, languageId: 'yaml', text }, { maxFileSizeKB: 1024 });

describe('schema selection', () => {
  const pick = (p: string, text: string, mappings: Record<string, string> = {}) => {
    const d = parseYaml(text, p).documents[0];
    return selectSchema({ path: p, text, json: d.doc.toJS(), mappings }, SCHEMA_SOURCE);
  };
  it('by apiVersion and kind', () => {
    assert.equal(pick('/x/a.yaml', 'apiVersion: spinnaker.io/v1alpha2\nkind: SpinnakerService\n')?.entry?.id, 'spinnaker');
    assert.equal(pick('/x/a.yaml', 'apiVersion: core.openchoreo.dev/v1alpha1\nkind: ObservabilityPlane\n')?.entry?.id, 'openchoreo-plane');
    assert.equal(pick('/x/a.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\n')?.entry?.id, 'cert-manager-issuer');
    assert.equal(pick('/x/a.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), undefined);
  });
  it('values files by the product keys they hold, whatever the file is called, with the reason', () => {
    const c = pick('/chart/values.yaml', 'server:\n  auth:\n    type: api-key\n');
    assert.equal(c?.entry?.id, 'certctl');
    assert.match(c!.reason, /holds certctl values: `server\.auth`/);
    assert.equal(pick('/c/values-prod.yaml', 'clusterAgent:\n  planeID: x\n')?.entry?.id, 'openchoreo');
    assert.equal(pick('/c/data-plane-values.yaml', 'clusterAgent:\n  planeID: x\n')?.entry?.id, 'openchoreo');
    assert.equal(pick('/c/control-plane-values.yaml', 'clusterGateway:\n  tls:\n    enabled: true\n')?.entry?.id, 'openchoreo');
    assert.equal(pick('/c/prod.values.yaml', 'env:\n  OPSCHAIN_API_HOST_NAME: a.b\n')?.entry?.id, 'opschain');
    assert.equal(pick('/c/my-settings.yaml', 'server:\n  auth:\n    type: api-key\n')?.entry?.id, 'certctl', 'the file name is a hint, never a requirement');
    assert.equal(pick('/c/values.yaml', 'ingress:\n  hosts:\n    - host: a.example.com\n')?.entry?.id, 'helm-ingress');
    assert.equal(pick('/c/config.yaml', 'server:\n  auth: {}\n'), undefined, 'no key that identifies a product');
  });
  it('no product claims an unrelated YAML file (GitHub workflow, docker-compose, OpenAPI, Ansible)', () => {
    const dir = path.join(FIXTURES, 'unrelated');
    const files = fs.readdirSync(dir);
    assert.ok(files.length >= 5);
    for (const f of files) {
      const file = path.join(dir, f);
      const text = fs.readFileSync(file, 'utf8');
      const { model, findings } = checkAlone({ uri: file, languageId: 'yaml', text }, DEFAULT_SETTINGS);
      assert.deepEqual(model.yaml!.documents.map((d) => d.schema?.entry?.id).filter(Boolean), [], `${f}: no schema`);
      assert.deepEqual(findings.map((x) => `${x.ruleId}: ${x.message}`), [], `${f}: no finding`);
    }
  });

  it('a modeline wins, then the glob setting', () => {
    assert.equal(pick('/c/config.yaml', '# tls-lens: schema=certctl\nserver: {}\n')?.entry?.id, 'certctl');
    assert.equal(pick('/repo/deploy/prod/my.yaml', 'a: 1\n', { 'deploy/**/my.yaml': 'openchoreo' })?.entry?.id, 'openchoreo');
    assert.match(pick('/repo/deploy/prod/my.yaml', 'a: 1\n', { 'deploy/**/my.yaml': 'openchoreo' })!.reason, /tlsLens\.yaml\.schemas/);
  });
  it('globs', () => {
    assert.ok(globToRegExp('**/values-*.yaml').test('/a/b/values-dev.yaml'));
    assert.ok(globToRegExp('*.yaml').test('/a/x.yaml'));
    assert.ok(!globToRegExp('deploy/*.yaml').test('/a/deploy/x/y.yaml'));
  });
});

describe('formats and suggestions', () => {
  it('hostnames: a wildcard only as the whole left-most label', () => {
    for (const h of ['example.com', '*.example.com', 'a-b.c', 'localhost', 'xn--bcher-kva.example']) assert.ok(isTlsHostname(h), h);
    for (const h of ['*', 'f*.example.com', 'a.*.com', 'under_score.com', '-a.com', 'a b.com', '']) assert.ok(!isTlsHostname(h), h);
  });
  it('Go durations', () => {
    for (const d of ['2160h', '30s', '1h30m', '500ms', '0']) assert.ok(isGoDuration(d), d);
    for (const d of ['15 days', '90d', 'h', '']) assert.ok(!isGoDuration(d), d);
  });
  it('did you mean', () => {
    assert.equal(suggestKey('serverCaConfigMap', ['serverCAConfigMap', 'caSecretName']), 'serverCAConfigMap');
    assert.equal(suggestKey('keystore-type', ['key-store-type', 'key-store']), 'key-store-type');
    assert.equal(suggestKey('frobnicate', ['enabled', 'key-store']), undefined);
  });
});

describe('templates', () => {
  it('a chart template is never a YAML error; {{ }} inside YAML strings is fine', () => {
    const tpl = 'metadata:\n  name: {{ include "x" . }}\n  {{- with .Values.a }}\n  b: 1\n  {{- end }}\n';
    assert.deepEqual(checkAlone({ uri: '/c/templates/secret.yaml', languageId: 'yaml', text: tpl }, DEFAULT_SETTINGS).findings, []);
    assert.deepEqual(checkAlone({ uri: '/c/other.yaml', languageId: 'yaml', text: tpl }, DEFAULT_SETTINGS).findings, []);
    const values = 'server:\n  auth:\n    type: "{{ .Values.x }}"\n';
    const r = checkAlone({ uri: '/c/values.yaml', languageId: 'yaml', text: values }, DEFAULT_SETTINGS).findings;
    // Validated (a certctl values file without its TLS source is one), but what the `tpl` string
    // will hold is not known: no enum or placeholder finding on it (test/unit/templates.test.ts).
    assert.deepEqual(r.map((f) => f.ruleId), ['certctl/tls-source']);
  });
  it('masking keeps offsets', () => {
    const text = 'a: {{ .x }}\nb: [\n';
    const m = model('/c/templates/t.yaml', text);
    assert.equal(m.yaml!.template, true);
    assert.deepEqual(m.yaml!.documents[0].errors, []);
  });
});

describe('hover, completion and quick fixes on YAML', () => {
  const spin = fs.readFileSync(path.join(FIXTURES, 'schema/bad-invalid-value.yaml'), 'utf8');
  it('the first line says which schema applied and why', () => {
    const m = model('/w/spin.yaml', spin);
    const h = hoverAt({ model: m, position: { line: 0, character: 2 }, lines: new LineIndex(spin), now: FIXTURE_NOW });
    assert.match((h!.contents as { value: string }).value, /TLS Lens schema:\*\* SpinnakerService.*`schemas\/spinnakerservice\.schema\.json`.*apiVersion spinnaker\.armory\.io\/v1alpha2, kind SpinnakerService/s);
  });
  it('a key shows description, type, allowed values and source', () => {
    const m = model('/w/spin.yaml', spin);
    const line = spin.split('\n').findIndex((l) => l.includes('client-auth:'));
    const h = hoverAt({ model: m, position: { line, character: 15 }, lines: new LineIndex(spin), now: FIXTURE_NOW });
    const v = (h!.contents as { value: string }).value;
    assert.match(v, /\*\*client-auth\*\*/);
    assert.match(v, /Allowed: `need`, `want`, `none`/);
    assert.match(v, /Source: Spinnaker mTLS guide \(Armory\)/);
  });
  it('completes keys at the cursor path, with their description, skipping present ones', () => {
    const text = 'apiVersion: spinnaker.io/v1alpha2\nkind: SpinnakerService\nspec:\n  spinnakerConfig:\n    profiles:\n      gate:\n        server:\n          ssl:\n            enabled: true\n            key\n';
    const m = model('/w/s.yaml', text);
    const probe = model('/w/s.yaml', text.replace('            key\n', '\n'));
    const items = completionAt({ model: m, position: { line: 9, character: 15 }, lines: new LineIndex(text), fallbackSchema: probe.yaml!.documents[0].schema!.entry!.schema });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('key-store-type') && labels.includes('client-auth') && labels.includes('certFile'), labels.join(','));
    assert.ok(!labels.includes('enabled'), 'present key not offered');
    assert.match(JSON.stringify(items.find((i) => i.label === 'client-auth')!.documentation), /need/);
  });
  it('completes enum values', () => {
    const text = 'clusterAgent:\n  planeType: \n';
    const m = model('/w/values.yaml', text.replace('planeType: ', 'planeType: x'));
    const items = completionAt({ model: m, position: { line: 1, character: 13 }, lines: new LineIndex(text), fallbackSchema: m.yaml!.documents[0].schema!.entry!.schema });
    assert.deepEqual(items.map((i) => i.label), ['dataplane', 'buildplane', 'workflowplane', 'observabilityplane']);
  });
  it('paths from indentation, lists included', () => {
    const lines = ['ingress:', '  tls:', '    - secretName: a', '      ho'];
    assert.deepEqual(pathFromIndentation(lines, 3, 6), ['ingress', 'tls', 0]);
    assert.deepEqual(pathFromIndentation(['a:', '  b:', '    c: 1', '  d'], 3, 2), ['a']);
  });
  it('quick fixes: each allowed enum value, and the key rename', () => {
    const { model: m, findings } = checkAlone({ uri: '/w/spin.yaml', languageId: 'yaml', text: spin }, DEFAULT_SETTINGS);
    const index = new LineIndex(m.text);
    const diags = toDiagnostics(findings, index);
    const actions = codeActions('file:///w/spin.yaml', diags.filter((d) => /client-auth/.test(String(d.message))));
    assert.deepEqual(actions.map((a) => a.title), ["Change to 'need'", "Change to 'want'", "Change to 'none'"]);
    const edit = actions[0].edit!.changes!['file:///w/spin.yaml'][0];
    const line = spin.split('\n')[edit.range.start.line];
    assert.equal(line.slice(edit.range.start.character, edit.range.end.character), 'required');
    assert.equal(edit.newText, 'need');
    const typo = fs.readFileSync(path.join(FIXTURES, 'schema/bad-unknown-key.yaml'), 'utf8');
    const r = checkAlone({ uri: '/w/t.yaml', languageId: 'yaml', text: typo }, DEFAULT_SETTINGS);
    const rename = codeActions('u', toDiagnostics(r.findings, new LineIndex(typo)));
    assert.deepEqual(rename.map((a) => a.title), ["Rename 'keystore-type' to 'key-store-type'", "Rename 'clientauth' to 'client-auth'"]);
    assert.equal(rename[0].isPreferred, true);
  });
  it('tlsLens.yaml.schemaValidation: false turns the schema layer off, not the certificate checks', () => {
    const settings = { ...DEFAULT_SETTINGS, yaml: { schemaValidation: false, schemas: {} } };
    assert.deepEqual(checkAlone({ uri: '/w/spin.yaml', languageId: 'yaml', text: spin }, settings).findings, []);
    const pem = fs.readFileSync(path.join(FIXTURES, 'pem/bad-cert-expired.pem'), 'utf8').split('\n').filter((l) => !l.startsWith('#')).map((l) => '    ' + l).join('\n');
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ca.crt: |\n${pem}\n`;
    assert.ok(checkAlone({ uri: '/w/cm.yaml', languageId: 'yaml', text: cm }, settings).findings.some((f) => f.ruleId === 'pem/cert-expired'));
  });
});
