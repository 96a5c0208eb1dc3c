/**
 * Real upstream files (../shared/corpus) must not drown in noise: no error-level diagnostic on
 * any of them, and every schema-selected file validates. A chart's own values.schema.json is
 * honoured: a broken copy of OpenChoreo's data-plane values gets the fault that schema implies.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';
import { readWorkspace } from '../../server/src/cli/workspace';
import { isTemplatePath, templateActions } from '../../server/src/parse/yaml';
import { LineIndex } from '../../server/src/util/lineIndex';
import { FIXTURE_NOW } from '../helpers/clock';
import { SHARED } from '../helpers/paths';
import { checkAlone, modelOf, testEngine } from '../helpers/engine';

const CORPUS = path.join(SHARED, 'corpus');
/** The corpus is the workspace: a chart's values.schema.json inside it is read. */
const nodeHost = new NodeHost({ roots: [CORPUS, os.tmpdir()] });

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else if (/\.ya?ml$/.test(e.name)) out.push(p);
  });
  walk(dir);
  return out.sort();
}

describe('real upstream files (../shared/corpus)', () => {
  it('produce no error-level diagnostic', (t) => {
    if (!fs.existsSync(CORPUS)) return t.skip(`${CORPUS} is absent: the corpus lives in ../shared beside the clone`);
    const files = yamlFiles(CORPUS);
    assert.ok(files.length > 100, `${files.length} YAML files`);
    const errors: string[] = [];
    let validated = 0;
    let trueFindings = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const { model, findings } = checkAlone({ uri: f, languageId: 'yaml', text }, DEFAULT_SETTINGS, nodeHost, FIXTURE_NOW);
      validated += model.yaml!.documents.filter((d) => d.schema || d.chartSchema).length;
      const index = new LineIndex(text);
      for (const x of findings) {
        if (x.severity !== 'error') continue;
        const rel = path.relative(CORPUS, f);
        // True findings: certctl's chart and its examples set neither TLS source, so `helm template`
        // refuses them as shipped (the chart's own comment says so); the user must add one.
        if (x.ruleId === 'certctl/tls-source' && /^certctl\/[^/]+\/deploy\/helm\/(certctl\/values|examples\/values-[\w-]+)\.yaml$/.test(rel)) { trueFindings++; continue; }
        errors.push(`${rel}:${index.positionAt(x.span.start).line + 1}: ${x.ruleId} ${x.message}`);
      }
    }
    assert.deepEqual(errors, []);
    assert.ok(trueFindings >= 4, `the certctl examples' missing TLS source is found (${trueFindings})`);
    assert.ok(validated > 60, `only ${validated} documents matched a schema`);
  });

  it('no product claims a file of another kind: every schema choice in the corpus is the expected one', (t) => {
    if (!fs.existsSync(CORPUS)) return t.skip('no corpus');
    const wrong: string[] = [];
    for (const f of yamlFiles(CORPUS)) {
      const rel = path.relative(CORPUS, f);
      const m = modelOf({ uri: f, languageId: 'yaml', text: fs.readFileSync(f, 'utf8') }, { maxFileSizeKB: 4096 });
      for (const d of m.yaml!.documents) {
        const id = d.schema?.entry?.id;
        if (!id) continue;
        const folder = rel.split('/')[0];
        const ok = { opschain: ['opschain'], certctl: ['certctl', 'cert-manager-certificate', 'cert-manager-issuer'], openchoreo: ['openchoreo', 'openchoreo-plane'], spinnaker: ['spinnaker'], 'cert-manager': ['cert-manager-certificate', 'cert-manager-issuer', 'ingress', 'secret', 'configmap'], 'helm-tls-conventions': ['helm-ingress', 'ingress', 'secret', 'configmap'], nginx: [] }[folder] ?? [];
        if (!ok.includes(id) && !['secret', 'configmap', 'ingress'].includes(id)) wrong.push(`${rel}: ${id}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('selects the product schema for each seed product', (t) => {
    if (!fs.existsSync(CORPUS)) return t.skip('no corpus');
    const expect: [string, string][] = [
      ['certctl/certctl-io+certctl/deploy/helm/certctl/values.yaml', 'certctl'],
      ['opschain/LimePoint+opschain-docs/static/files/downloads/values.yaml', 'opschain'],
      ['openchoreo/openchoreo+openchoreo/install/helm/openchoreo-data-plane/values.yaml', 'openchoreo'],
      ['openchoreo/openchoreo+openchoreo/test/e2e/k3d/dataplane.yaml', 'openchoreo-plane'],
      ['spinnaker/armory+spinnaker-kustomize-patches/security/patch-per-service-tls.yml', 'spinnaker'],
      ['cert-manager/cert-manager+website/content/docs/tutorials/acme/example/production-issuer.yaml', 'cert-manager-issuer'],
      ['helm-tls-conventions/kubernetes+ingress-nginx/docs/examples/tls-termination/ingress.yaml', 'ingress'],
    ];
    for (const [rel, id] of expect) {
      const f = path.join(CORPUS, rel);
      const m = modelOf({ uri: f, languageId: 'yaml', text: fs.readFileSync(f, 'utf8') }, { maxFileSizeKB: 4096, host: nodeHost });
      assert.equal(m.yaml!.documents[0].schema?.entry?.id, id, rel);
    }
  });

  it("reports a fault implied by the chart's own values.schema.json, on the right line", (t) => {
    const chart = path.join(CORPUS, 'openchoreo/openchoreo+openchoreo/install/helm/openchoreo-data-plane');
    if (!fs.existsSync(chart)) return t.skip('no corpus');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-chart-'));
    try {
      fs.copyFileSync(path.join(chart, 'values.schema.json'), path.join(dir, 'values.schema.json'));
      const original = fs.readFileSync(path.join(chart, 'values.yaml'), 'utf8');
      // The chart's schema says clusterAgent.replicas is an integer; ours says nothing about it.
      const broken = original.replace(/^(  replicas: )1$/m, '$1"two"');
      assert.notEqual(broken, original);
      const line = broken.split('\n').findIndex((l) => l === '  replicas: "two"');
      const file = path.join(dir, 'values.yaml');
      fs.writeFileSync(file, broken);
      const { findings } = checkAlone({ uri: file, languageId: 'yaml', text: broken }, DEFAULT_SETTINGS, nodeHost, FIXTURE_NOW);
      const index = new LineIndex(broken);
      const hit = findings.filter((f) => f.ruleId === 'schema/invalid-value');
      assert.equal(hit.length, 1, JSON.stringify(findings));
      assert.equal(index.positionAt(hit[0].span.start).line, line);
      assert.match(hit[0].message, /^chart's values\.schema\.json: replicas must be an integer; got 'two', a string/);
      // Without the schema beside it, the same file is clean.
      fs.rmSync(path.join(dir, 'values.schema.json'));
      assert.deepEqual(checkAlone({ uri: file, languageId: 'yaml', text: broken }, DEFAULT_SETTINGS, nodeHost, FIXTURE_NOW).findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('chart templates: no finding rests on a template action, and none quotes an empty or template-mangled name', (t) => {
    if (!fs.existsSync(CORPUS)) return t.skip('no corpus');
    // The corpus as one workspace, read as `tls-lens check` reads it: issuers, Secrets and
    // hosts of one template are looked up in the others.
    const { host, docs } = readWorkspace([CORPUS], { maxFileSizeKB: DEFAULT_SETTINGS.maxFileSizeKB, pathMappings: {}, restricted: false });
    const engine = testEngine({ host, workspace: true });
    engine.workspace!.complete = true;
    const templates = docs.filter((d) => d.languageId === 'yaml' && isTemplatePath(d.uri));
    assert.ok(templates.length > 40, `${templates.length} chart templates`);
    const mangled = (name: string) => name.trim() === '' || name !== name.trim() || /\{\{|\}\}|\u00b7| {2}|^[-.]/.test(name);
    const wrong: string[] = [];
    let findings = 0;
    for (const c of engine.check(docs)) {
      if (!templates.includes(c.doc)) continue;
      const actions = templateActions(c.doc.text);
      const lines = new LineIndex(c.doc.text);
      for (const f of c.findings) {
        findings++;
        const where = `${path.relative(CORPUS, c.doc.uri)}:${lines.positionAt(f.span.start).line + 1}: ${f.ruleId} ${f.message}`;
        if (actions.some((a) => a.start < f.span.end && f.span.start < a.end)) wrong.push(`rests on a template action: ${where}`);
        if ([...f.message.matchAll(/'([^']*)'/g)].some((m) => mangled(m[1]))) wrong.push(`quotes a mangled name: ${where}`);
      }
    }
    assert.deepEqual(wrong, [], `${findings} findings on chart templates`);
  });
});
