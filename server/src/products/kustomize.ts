/**
 * kustomize (kubectl.docs.kubernetes.io, "Kustomization"): a kustomization.yaml is built with
 * `kubectl kustomize` (server/src/render/) and what it builds is checked like a rendered release.
 * Remote resources (URLs, git repositories) are never fetched: such a kustomization is said not to
 * be built. Charts it inflates (`helmCharts`) must be in its chart home already.
 */
import type { Product } from './types';
import { arr, at, obj, str } from './json';
import { BuildFact, MANIFEST_BUILD } from '../core/release';

export const KUSTOMIZE_DOCS = 'kustomize documentation (kubectl.docs.kubernetes.io/references/kustomize/kustomization: '
  + 'resources, components, patches, helmCharts)';

/** A resource that kustomize would fetch: a URL, a git repository, an `?ref=` address. */
const remote = (r: string): boolean => /:\/\/|^git@|^github\.com\/|\?ref=|\.git(\/\/|$)/.test(r);

export const kustomize: Product = {
  id: 'kustomize',
  title: 'kustomize',
  guide: KUSTOMIZE_DOCS,
  summary: 'kustomization.yaml: built with `kubectl kustomize` (never applied, nothing fetched) and the objects it builds checked '
    + 'with every rule, findings landing on the line of the kustomization\'s files that wrote the value.',
  schemas: {},
  kinds: [{ apiVersion: /^kustomize\.config\.k8s\.io\//, kinds: ['Kustomization', 'Component'] }],
  files: ['kustomization.yaml', 'kustomization.yml', 'Kustomization'],
  refs(d, out) {
    if (d.json.kind === 'Component') return;
    const first = Object.keys(d.json)[0];
    const span = first ? at(d.doc, [first]) : undefined;
    if (!span) return;
    const inputs: string[] = [];
    for (const key of ['resources', 'bases', 'components']) for (const r of arr(d.json[key])) if (typeof r === 'string') inputs.push(r);
    for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      for (const p of arr(d.json[key])) { const file = typeof p === 'string' ? p : str(obj(p)?.path); if (file) inputs.push(file); }
    }
    const fetched = inputs.find(remote);
    // kustomize looks for a chart in <chartHome>/<name>, and for a pinned version in <chartHome>/<name>-<version>/<name>.
    const chartHome = str(obj(d.json.helmGlobals)?.chartHome) ?? 'charts';
    const charts: BuildFact['charts'][number][] = [];
    arr(d.json.helmCharts).forEach((c, i) => {
      const name = str(obj(c)?.name);
      const version = str(obj(c)?.version);
      const s = at(d.doc, ['helmCharts', i, 'name']);
      if (name && s) charts.push({ name, span: s, paths: [`${chartHome}/${name}`, ...(version ? [`${chartHome}/${name}-${version}/${name}`] : [])] });
    });
    const fact: BuildFact = {
      kind: MANIFEST_BUILD.kind, span, via: 'this kustomization', program: 'kubectl', args: ['kustomize'], helmArgs: ['--enable-helm', '--helm-command'],
      charts, inputs: inputs.filter((r) => !remote(r)),
      chartHome,
      ...(fetched ? { unsupported: `its resource '${fetched.slice(0, 80)}' would be fetched (TLS Lens builds only what is in the workspace)` } : {}),
    };
    out.facts.push(fact);
  },
  constraints: [],
  knows: [
    `A kustomization.yaml (or one of \`kind: Kustomization\`) is built with \`kubectl kustomize\`; its \`helmCharts\` are inflated with the user's helm (\`--enable-helm\`) when each is in the chart home already (${KUSTOMIZE_DOCS}).`,
    'A kustomization with a remote resource (a URL, a git repository) is said not to be built: nothing is fetched.',
  ],
};
