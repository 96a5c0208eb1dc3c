/**
 * Argo CD (argo-cd.readthedocs.io, "Helm" user guide; ApplicationSet "List Generator"): an
 * Application whose source is a chart folder of the repository is a Helm release TLS Lens renders.
 * `helm.valueFiles` are relative to the chart's path, as Argo CD reads them; `values`,
 * `valuesObject` and `parameters` follow, in that order of precedence; the release is named
 * `helm.releaseName`, else the Application's name.
 */
import type { Document } from 'yaml';
import type { Product } from './types';
import { arr, at, obj, str } from './json';
import { RELEASE, ReleaseFact, ValuesSource } from '../core/release';
import type { Span } from '../core/types';
import { PathSegment, plainJson } from '../parse/yaml';
import { declaredPath, inlineMap, setList, templated } from './releaseKit';

export const ARGOCD_DOCS = 'Argo CD documentation (argo-cd.readthedocs.io: User Guide "Helm", ApplicationSet "List Generator")';

/** The release of one Application source that is a chart path of this repository. */
function sourceRelease(
  doc: Document.Parsed, app: Record<string, unknown>, base: readonly PathSegment[], source: Record<string, unknown>, declared: Span, via: string,
): ReleaseFact | undefined {
  const srcPath = str(source.path);
  // `chart:` names a chart of a Helm repository (fetched by Argo CD): not this repository's.
  if (!srcPath || source.chart !== undefined || /^(https?:|oci:)/.test(srcPath)) return undefined;
  const helm = obj(source.helm);
  const meta = obj(app.metadata);
  const release = str(helm?.releaseName) ?? str(meta?.name);
  if (!release) return undefined;
  const values: ValuesSource[] = [];
  arr(helm?.valueFiles).forEach((v, i) => {
    // `$ref/…` is another source's repository; a URL is fetched by Argo CD: neither is here.
    if (typeof v !== 'string' || v.startsWith('$') || /^https?:/.test(v)) return;
    const file = declaredPath(doc, [...base, 'helm', 'valueFiles', i], v, 'chart');
    if (file) values.push({ kind: 'file', file });
  });
  const textSpan = typeof helm?.values === 'string' ? at(doc, [...base, 'helm', 'values']) : undefined;
  if (textSpan && typeof helm?.values === 'string') values.push({ kind: 'inline', inline: { text: helm.values, span: textSpan } });
  const object = inlineMap(doc, [...base, 'helm', 'valuesObject'], helm?.valuesObject);
  if (object) values.push(object);
  const namespace = str(obj(obj(app.spec)?.destination)?.namespace);
  const unsupported = [release, srcPath, namespace].some(templated) ? 'its name, path or namespace keeps a template placeholder' : undefined;
  return {
    kind: RELEASE.kind, span: declared, via, release, ...(namespace ? { namespace } : {}),
    chart: { ...declaredPath(doc, [...base, 'path'], srcPath, 'root')!, maybe: helm === undefined },
    values, set: setList(doc, [...base, 'helm', 'parameters'], helm?.parameters, 'forceString'), ...(unsupported ? { unsupported } : {}),
  };
}

/** The releases of an Application (its `source`, or each of its `sources`). */
function applicationReleases(doc: Document.Parsed, app: Record<string, unknown>, base: readonly PathSegment[], declared: Span, via: string): ReleaseFact[] {
  const spec = obj(app.spec);
  const out: ReleaseFact[] = [];
  const one = obj(spec?.source);
  if (one) { const r = sourceRelease(doc, app, [...base, 'spec', 'source'], one, declared, via); if (r) out.push(r); }
  arr(spec?.sources).forEach((s, i) => {
    const src = obj(s);
    const r = src ? sourceRelease(doc, app, [...base, 'spec', 'sources', i], src, declared, via) : undefined;
    if (r) out.push(r);
  });
  return out;
}

/** An ApplicationSet template with a list element's fields filled in (`{{key}}`, or `{{.key}}` with goTemplate). */
function fill(v: unknown, element: Record<string, unknown>, goTemplate: boolean): unknown {
  if (typeof v === 'string') {
    return v.replace(goTemplate ? /\{\{\s*\.([\w.-]+)\s*\}\}/g : /\{\{\s*([\w.-]+)\s*\}\}/g, (m, key: string) => {
      const x = element[key];
      return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : m;
    });
  }
  if (Array.isArray(v)) return v.map((x) => fill(x, element, goTemplate));
  const o = obj(v);
  return o ? Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fill(x, element, goTemplate)])) : v;
}

export const argocd: Product = {
  id: 'argocd',
  title: 'Argo CD',
  guide: ARGOCD_DOCS,
  summary: 'Argo CD Applications (and ApplicationSets with a list generator) whose source is a chart folder of the repository: rendered with the user\'s helm as Argo CD would render them, and the rendered objects checked with every rule.',
  schemas: {},
  kinds: [{ apiVersion: /^argoproj\.io\//, kinds: ['Application', 'ApplicationSet'] }],
  refs(d, out) {
    const name = str(obj(d.json.metadata)?.name);
    const declared = at(d.doc, ['metadata', 'name']) ?? at(d.doc, ['kind']);
    if (!declared) return;
    if (d.json.kind === 'Application') {
      out.facts.push(...applicationReleases(d.doc, d.json, [], declared, `Argo CD Application ${name ?? ''}`.trim()));
      return;
    }
    const spec = obj(d.json.spec);
    // The template's `{{…}}` placeholders are Argo CD's, filled per element below: read as written.
    const template = obj(plainJson(spec?.template));
    if (!template) return;
    arr(spec?.generators).forEach((g, gi) => {
      arr(plainJson(obj(obj(g)?.list)?.elements)).forEach((e, ei) => {
        const element = obj(e);
        const span = at(d.doc, ['spec', 'generators', gi, 'list', 'elements', ei]);
        if (!element || !span) return;
        const app = fill(template, element, spec?.goTemplate === true) as Record<string, unknown>;
        const appName = str(obj(app.metadata)?.name) ?? '';
        out.facts.push(...applicationReleases(d.doc, app, ['spec', 'template'], span, `Argo CD ApplicationSet ${name ?? ''} (${appName})`));
      });
    });
  },
  constraints: [],
  knows: [
    `An Application's \`source\` (or each of \`sources\`) with a \`path\` in the repository and no \`chart\`: \`helm.valueFiles\` relative to that path, \`helm.values\`, \`helm.valuesObject\`, \`helm.parameters\` (\`forceString\`), \`helm.releaseName\` (default: the Application's name), \`destination.namespace\` (${ARGOCD_DOCS}).`,
    'An ApplicationSet\'s list generator: one release per element, its `{{key}}` (or, with `goTemplate`, `{{.key}}`) placeholders filled in.',
    'Value files from another source (`$ref/…`) or a URL are not read; a path without a Chart.yaml and without a `helm` block is not a chart (a plain or kustomize folder).',
  ],
};
