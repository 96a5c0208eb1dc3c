/**
 * helmfile (helmfile.readthedocs.io, "The Helmfile"): a `helmfile.yaml`'s `releases` whose chart
 * is a local folder are Helm releases TLS Lens renders (server/src/render/) and checks as the
 * cluster would receive them. Remote charts (`repo/chart`, `oci://`) are not fetched.
 */
import type { Product } from './types';
import { arr, at, obj, str } from './json';
import { RELEASE, ReleaseFact, ValuesSource } from '../core/release';
import { declaredPath, inlineMap, setList, templated } from './releaseKit';

export const HELMFILE_DOCS = 'helmfile documentation (helmfile.readthedocs.io, "The Helmfile": releases, values, set)';

/** A chart given as a local folder: `./charts/shop`, `../shop`, `/abs/shop` (helmfile takes an existing folder as local). */
export const localChart = (chart: string): boolean => /^(\.{1,2}\/|\/)/.test(chart) || !chart.includes('/');

export const helmfile: Product = {
  id: 'helmfile',
  title: 'helmfile',
  guide: HELMFILE_DOCS,
  summary: 'helmfile.yaml: its releases of local charts are rendered with the user\'s helm (never installed) and the rendered objects checked with every rule, findings landing on the values lines that set them.',
  schemas: { helmfile: 'helmfile.schema.json' },
  values: {
    schema: 'helmfile',
    recognise: (json) => (arr(json.releases).some((r) => typeof obj(r)?.chart === 'string' && typeof obj(r)?.name === 'string') ? ['releases'] : undefined),
  },
  refs(d, out) {
    arr(d.json.releases).forEach((r, i) => {
      const rel = obj(r);
      const name = str(rel?.name);
      const chartText = str(rel?.chart);
      const span = at(d.doc, ['releases', i, 'name']);
      if (!rel || !name || !chartText || !span || rel.installed === false) return;
      const chart = declaredPath(d.doc, ['releases', i, 'chart'], chartText, 'file')!;
      if (!localChart(chartText) || chartText.startsWith('oci://')) return;
      const values: ValuesSource[] = [];
      let unsupported: string | undefined;
      arr(rel.values).forEach((v, j) => {
        if (typeof v === 'string') {
          if (templated(v) || v.endsWith('.gotmpl')) unsupported ??= `its values file '${v}' is a helmfile template`;
          else values.push({ kind: 'file', file: declaredPath(d.doc, ['releases', i, 'values', j], v, 'file')! });
        } else {
          const inline = inlineMap(d.doc, ['releases', i, 'values', j], v);
          if (inline) values.push(inline);
        }
      });
      const namespace = str(rel.namespace);
      if (templated(name) || templated(chartText) || templated(rel.namespace)) unsupported = 'its name, chart or namespace is a helmfile template';
      const fact: ReleaseFact = {
        kind: RELEASE.kind, span, via: `helmfile release ${name}`, release: name, ...(namespace ? { namespace } : {}), chart, values,
        set: setList(d.doc, ['releases', i, 'set'], rel.set), ...(unsupported ? { unsupported } : {}),
      };
      out.facts.push(fact);
    });
  },
  constraints: [],
  knows: [
    `Releases with a local chart (\`chart: ./charts/shop\`), their \`namespace\`, \`values:\` files (relative to the helmfile) and inline values, and \`set:\` — rendered by \`helm template\` in that order (${HELMFILE_DOCS}).`,
    'Releases whose name, chart, namespace or values file is a helmfile template (`{{ … }}`, `.gotmpl`) are said not to be rendered; remote charts are not fetched.',
  ],
};
