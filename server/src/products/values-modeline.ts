/**
 * A values file that names its chart itself: `# tls-lens: chart=../charts/shop release=shop
 * namespace=prod` (TLS Lens's own modeline, the model's `modeline` fields). The values file is the
 * release's only values file; the chart path is relative to it.
 */
import * as path from 'node:path';
import { DocumentModel, uriToPath } from '../model/document';
import { RELEASE, ReleaseFact } from '../core/release';

/** The release a values file's modeline declares, if it names a chart. */
export function modelineRelease(model: DocumentModel): ReleaseFact | undefined {
  const fields = model.yaml?.modeline;
  const chart = fields?.get('chart');
  if (!fields || !chart) return undefined;
  const release = fields.get('release')?.value ?? 'release';
  const namespace = fields.get('namespace')?.value;
  return {
    kind: RELEASE.kind, span: chart.span, via: `the modeline of this values file`, release, ...(namespace ? { namespace } : {}),
    chart: { path: chart.value, relativeTo: 'file', span: chart.span },
    values: [{ kind: 'file', file: { path: `./${path.basename(uriToPath(model.uri))}`, relativeTo: 'file', span: chart.span } }], set: [],
  };
}
