/**
 * Flux (fluxcd.io, "Helm Releases", helm.toolkit.fluxcd.io/v2): a HelmRelease whose chart is a path
 * of a GitRepository or Bucket source (this repository) is a Helm release TLS Lens renders.
 * `spec.chart.spec.valuesFiles`, then `valuesFrom` (ConfigMaps and Secrets, in order), then
 * `spec.values` win in that order; the release is `spec.releaseName`, else
 * `[<targetNamespace>-]<name>`, in `targetNamespace`, else the HelmRelease's namespace.
 */
import type { Product } from './types';
import { arr, at, obj, str } from './json';
import { RELEASE, ReleaseFact, ValuesSource } from '../core/release';
import { declaredPath, inlineMap, templated, valueFiles } from './releaseKit';

export const FLUX_DOCS = 'Flux documentation (fluxcd.io/flux/components/helm/helmreleases: chart template, values, valuesFrom, releaseName, targetNamespace)';

export const flux: Product = {
  id: 'flux',
  title: 'Flux',
  guide: FLUX_DOCS,
  summary: 'Flux HelmReleases whose chart is a folder of the repository (a GitRepository or Bucket source): rendered with the user\'s helm as helm-controller would, values from the workspace\'s ConfigMaps and Secrets included, and the rendered objects checked with every rule.',
  schemas: {},
  kinds: [{ apiVersion: /^helm\.toolkit\.fluxcd\.io\//, kinds: ['HelmRelease'] }],
  refs(d, out) {
    const meta = obj(d.json.metadata);
    const name = str(meta?.name);
    const spec = obj(d.json.spec);
    const chartSpec = obj(obj(spec?.chart)?.spec);
    const sourceKind = str(obj(chartSpec?.sourceRef)?.kind);
    const chartText = str(chartSpec?.chart);
    const declared = at(d.doc, ['metadata', 'name']);
    if (!name || !spec || !chartText || !declared || (sourceKind !== 'GitRepository' && sourceKind !== 'Bucket')) return;
    const values: ValuesSource[] = valueFiles(d.doc, ['spec', 'chart', 'spec', 'valuesFiles'], chartSpec?.valuesFiles, 'root');
    let unsupported: string | undefined;
    arr(spec.valuesFrom).forEach((v, i) => {
      const from = obj(v);
      const kind = from?.kind;
      const fromName = str(from?.name);
      const span = at(d.doc, ['spec', 'valuesFrom', i]);
      if ((kind !== 'ConfigMap' && kind !== 'Secret') || !fromName || !span) return;
      if (from?.targetPath !== undefined) { unsupported ??= `valuesFrom ${kind} ${fromName} sets a targetPath`; return; }
      values.push({ kind: 'from', from: { kind, name: fromName, key: str(from?.valuesKey) ?? 'values.yaml', optional: from?.optional === true, span } });
    });
    const inline = inlineMap(d.doc, ['spec', 'values'], spec.values);
    if (inline) values.push(inline);
    const target = str(spec.targetNamespace);
    const namespace = target ?? str(meta?.namespace);
    const release = str(spec.releaseName) ?? (target ? `${target}-${name}` : name);
    if ([release, chartText, namespace].some(templated)) unsupported = 'its name, chart or namespace is written with a template action';
    const fact: ReleaseFact = {
      kind: RELEASE.kind, span: declared, via: `Flux HelmRelease ${name}`, release, ...(namespace ? { namespace } : {}),
      chart: declaredPath(d.doc, ['spec', 'chart', 'spec', 'chart'], chartText, 'root')!, values, set: [], ...(unsupported ? { unsupported } : {}),
    };
    out.facts.push(fact);
  },
  constraints: [],
  knows: [
    `A HelmRelease whose \`spec.chart.spec.chart\` is a path of a GitRepository or Bucket source: \`valuesFiles\`, \`valuesFrom\` ConfigMaps and Secrets of the workspace (\`valuesKey\`, default \`values.yaml\`; \`optional\`), \`spec.values\`, \`releaseName\` (default \`[targetNamespace-]name\`), \`targetNamespace\` (${FLUX_DOCS}).`,
    'Charts from a HelmRepository or OCIRepository are not fetched; `valuesFrom` with a `targetPath` is said not to be rendered.',
  ],
};
