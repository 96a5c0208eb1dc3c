/** The render layer's pieces without helm: release discovery, helm's arguments, its output, provenance. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine';
import { NodeHost } from '../../server/src/host';
import { refsOf } from '../../server/src/products/refs';
import { RELEASE, ReleaseFact } from '../../server/src/core/release';
import { modelineFields } from '../../server/src/model/yaml';
import { setArgument, splitOutput, templateArgs, withNamespace } from '../../server/src/render/helm';
import { landing, scalarAt } from '../../server/src/render/provenance';
import type { ReleasePlan } from '../../server/src/render/plan';
import { FIXTURES } from '../helpers/paths';
import * as os from 'node:os';
import { RenderCache } from '../../server/src/render/cache';
import { settingReleases, snippetOf } from '../../server/src/rendered';

const DIR = path.join(FIXTURES, 'render');
const engine = new Engine({ host: new NodeHost({ roots: [DIR] }), settings: DEFAULT_SETTINGS });
function releases(file: string): ReleaseFact[] {
  const p = path.join(DIR, file);
  const model = engine.model({ uri: p, languageId: 'yaml', text: fs.readFileSync(p, 'utf8') });
  return refsOf(model).facts.filter((f): f is ReleaseFact => f.kind === RELEASE.kind);
}

describe('release discovery', () => {
  it('helmfile: local charts only, values files and inline values in order, set', () => {
    const r = releases('helmfile/helmfile.yaml');
    assert.deepEqual(r.map((x) => x.release), ['shop', 'failing', 'deps', 'broken']);
    assert.equal(r[0].namespace, 'prod');
    assert.deepEqual(r[0].chart.path, '../charts/shop');
    assert.deepEqual(r[0].values.map((v) => (v.kind === 'file' ? v.file.path : v.kind)), ['../values/prod-bad.yaml']);
    const ok = releases('helmfile/helmfile-ok.yaml')[0];
    assert.deepEqual(ok.values.map((v) => v.kind), ['file', 'inline']);
    assert.deepEqual(ok.set.map((s) => `${s.key}=${s.value}`), ['gateway.hostname=shop.example.com']);
  });
  it('Argo CD: release name from the Application, valueFiles relative to the chart, parameters; ApplicationSet elements filled in', () => {
    const [app] = releases('argocd/application.yaml');
    assert.equal(app.release, 'shop');
    assert.equal(app.namespace, 'prod');
    assert.deepEqual({ path: app.chart.path, rel: app.chart.relativeTo }, { path: 'charts/shop', rel: 'root' });
    assert.deepEqual(app.values.map((v) => v.kind === 'file' && v.file.relativeTo), ['chart']);
    assert.deepEqual(app.set.map((s) => s.value), ['store.example.com']);
    const [set] = releases('argocd/applicationset.yaml');
    assert.equal(set.release, 'shop-prod');
    assert.equal(set.namespace, 'prod');
    const inline = set.values[0];
    assert.ok(inline.kind === 'inline' && JSON.stringify(inline.inline.json).includes('www.shop.example.com'));
  });
  it('Flux: valuesFrom then values, release name and namespace', () => {
    const [hr] = releases('flux/helmrelease.yaml');
    assert.equal(hr.release, 'shop');
    assert.equal(hr.namespace, 'prod');
    assert.deepEqual(hr.values.map((v) => v.kind), ['from', 'inline']);
  });
  it('the modeline: chart, release, namespace, and the file itself as its values', () => {
    const [m] = releases('modeline/shop-prod.yaml');
    assert.deepEqual([m.release, m.namespace, m.chart.path], ['shop', 'prod', '../charts/shop']);
    assert.deepEqual(modelineFields('# tls-lens: chart=a release=b\nx: 1\n')?.get('release'), { value: 'b', span: { start: 28, end: 29 } });
    assert.equal(modelineFields('x: 1 # tls-lens: chart=a\n'), undefined);
  });
  it("a chart's own values.yaml declares nothing", () => {
    assert.deepEqual(releases('charts/shop/values.yaml'), []);
  });
});

describe('helm template arguments and output', () => {
  const plan = { release: 'shop', namespace: 'prod', chartDir: '/c/shop', set: [{ key: 'a.b', value: 'x,y\\z', span: { start: 0, end: 0 } }] } as unknown as ReleasePlan;
  it('flags first, then -- and the release and chart; --set values escaped for helm\'s parser', () => {
    const args = templateArgs(plan, ['/t/values-0.yaml']);
    assert.deepEqual(args.slice(-3), ['--', 'shop', '/c/shop']);
    assert.ok(args.includes('--kube-version'));
    assert.equal(setArgument('a.b', 'x,y\\z'), 'a.b=x\\,y\\\\z');
  });
  it('documents without a namespace get the release\'s; cluster-scoped kinds and documents with one do not', () => {
    assert.match(withNamespace('apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\ndata: {}\n', 'prod'), /metadata:\n {2}namespace: prod\n {2}name: a/);
    assert.doesNotMatch(withNamespace('kind: ClusterIssuer\nmetadata:\n  name: a\n', 'prod'), /namespace/);
    const has = 'kind: Secret\nmetadata:\n  name: a\n  namespace: other\n';
    assert.equal(withNamespace(has, 'prod'), has);
  });
  it('splits output by document with its template, dropping the chart name', () => {
    const out = splitOutput('---\n# Source: shop/templates/a.yaml\nkind: ConfigMap\nmetadata:\n  name: a\n---\n# Source: shop/charts/sub/templates/b.yaml\nkind: Secret\nmetadata:\n  name: b\n', 'shop', 'ns');
    assert.deepEqual(out.map((d) => d.template), ['templates/a.yaml', 'charts/sub/templates/b.yaml']);
  });
});

describe('provenance', () => {
  const values = 'gateway:\n  hostname: shop.example.com\ntls:\n  dnsNames:\n    - api.example.com\ndomain: example.org\n';
  const plan = {
    from: '/w/helmfile.yaml', fact: { span: { start: 1, end: 2 } }, set: [], values: [{ text: values, origin: { path: '/w/values.yaml', text: values } }],
  } as unknown as ReleasePlan;
  const rendered = 'spec:\n  listeners:\n    - hostname: "shop.example.com"\n      url: https://api.example.org/x\n  dnsNames:\n    - api.example.com\n';
  const spanOf = (s: string) => ({ start: rendered.indexOf(s), end: rendered.indexOf(s) + s.length });
  it('a scalar the values hold lands on its values line', () => {
    assert.equal(scalarAt(rendered, spanOf('"shop.example.com"')), 'shop.example.com');
    const to = landing(plan, { text: rendered }, spanOf('"shop.example.com"'), undefined);
    assert.deepEqual([to.path, values.slice(to.span.start, to.span.end), to.how], ['/w/values.yaml', 'shop.example.com', 'value']);
  });
  it('a value a template builds from a part lands on the part', () => {
    const to = landing(plan, { text: rendered }, spanOf('https://api.example.org/x'), undefined);
    assert.deepEqual([values.slice(to.span.start, to.span.end), to.how], ['example.org', 'part']);
  });
  it('a list lands on the values key that holds it', () => {
    const to = landing(plan, { text: rendered }, { start: rendered.indexOf('  dnsNames'), end: rendered.length }, undefined);
    assert.deepEqual([values.slice(to.span.start, to.span.end), to.how], ['dnsNames', 'list']);
  });
  it('else the template line with the same key, else the declaration', () => {
    const template = { path: '/w/c/templates/g.yaml', text: 'spec:\n  replicas: {{ .Values.n }}\n' };
    const r2 = 'spec:\n  replicas: 7\n';
    const to = landing(plan, { text: r2, template }, { start: r2.indexOf('7'), end: r2.indexOf('7') + 1 }, undefined);
    assert.deepEqual([to.path, template.text.slice(to.span.start, to.span.end), to.how], ['/w/c/templates/g.yaml', 'replicas: {{ .Values.n }}', 'template']);
    assert.equal(landing(plan, { text: r2 }, { start: r2.indexOf('7'), end: r2.indexOf('7') + 1 }, undefined).how, 'declaration');
  });
});

describe('render cache and the releases setting', () => {
  it("a run is kept by its inputs: the chart's files and the values change the key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-cache-'));
    try {
      fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'name: c\n');
      const cache = new RenderCache();
      const plan = (text: string) => ({ release: 'r', namespace: 'n', chartDir: dir, set: [], values: [{ text }] }) as unknown as ReleasePlan;
      const k1 = cache.key('/h', plan('a: 1'));
      assert.equal(cache.key('/h', plan('a: 1')), k1);
      assert.notEqual(cache.key('/h', plan('a: 2')), k1);
      cache.set(k1, { ok: true, stdout: 'x', message: '' });
      assert.equal(cache.get(k1)?.stdout, 'x');
      cache.set(cache.key('/h', plan('a: 3')), { ok: false, stdout: '', message: 'slow', timedOut: true });
      assert.equal(cache.size, 1, 'a timeout is not kept');
      fs.writeFileSync(path.join(dir, 'values.yaml'), 'b: 1\n');
      assert.notEqual(cache.key('/h', plan('a: 1')), k1, 'a new chart file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('tlsLens.helm.releases: paths from the workspace folder, said on the first values file; entries without a chart dropped', () => {
    const [r, ...rest] = settingReleases([{ chart: 'charts/shop', namespace: 'prod', values: ['v/a.yaml'], set: { 'x.y': 'z' } }, { release: 'no-chart' }, 7], '/w');
    assert.equal(rest.length, 0);
    assert.equal(r.path, '/w/v/a.yaml');
    assert.deepEqual([r.fact.release, r.fact.namespace, r.fact.chart.path], ['shop', 'prod', '/w/charts/shop']);
    assert.deepEqual(r.fact.set.map((s: { key: string; value: string }) => `${s.key}=${s.value}`), ['x.y=z']);
  });
});

describe('rendered snippets', () => {
  it('the lines around the value, key material and secret-named values hidden', () => {
    const text = ['kind: Secret', 'metadata:', '  name: shop-tls', 'data:', '  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2', '  password: hunter2', '  host: shop.example.com', ''].join('\n');
    const s = snippetOf(text, { start: text.indexOf('shop.example.com'), end: text.indexOf('shop.example.com') + 5 });
    assert.match(s, /host: shop\.example\.com/);
    assert.match(s, /tls\.key: ‹hidden›/);
    assert.match(s, /password: ‹hidden›/);
    assert.doesNotMatch(s, /hunter2|LS0t/);
  });
});
