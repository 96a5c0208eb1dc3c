/** Hover on references (a path, a secretName, a clientCA value) and on certificates in Secret data: what the workspace index resolves them to. */
import type { Hover } from 'vscode-languageserver-types';
import { referenceAt, refsOf } from '../../products/refs';
import { referenceCoverage, throughCoverage } from '../../workspace/coverage';
import { code, md } from '../../util/markdown';
import { quoteUser } from '../../util/redact';
import { certificateMarkdown } from './certificate';
import type { HoverContext } from './context';

export function referenceHover({ model, position, lines: index, now, workspace }: HoverContext): Hover | null {
  const offset = index.offsetAt(position);
  const range = (s: { start: number; end: number }) => ({ start: index.positionAt(s.start), end: index.positionAt(s.end) });
  const hover = (value: string, s: { start: number; end: number }): Hover => ({ contents: { kind: 'markdown', value }, range: range(s) });
  // Secret data (base64) and ConfigMap ca.crt values defined here.
  for (const o of refsOf(model).objects) {
    for (const [key, e] of o.entries) {
      if (offset < e.span.start || offset > e.span.end) continue;
      const cert = e.pem.items.find((i) => i.kind === 'certificate');
      const key2 = e.pem.items.find((i) => i.kind === 'privateKey');
      const title = `**${o.kind} ${md(o.name)}** ${code(key)}`;
      if (cert?.kind === 'certificate') {
        return hover(`${title}\n\n${certificateMarkdown(cert.cert, now)}${e.pem.items.length > 1 ? `\n\n_${e.pem.items.length} PEM blocks_` : ''}`, e.span);
      }
      if (key2?.kind === 'privateKey') {
        const algorithm = key2.key.encrypted ? 'encrypted' : md(`${key2.key.algorithm}${key2.key.bits ? ' ' + key2.key.bits : ''}`);
        return hover(`${title}: a private key (${algorithm}); its material is never shown.`, e.span);
      }
    }
  }
  const ref = referenceAt(model, offset);
  if (!ref || !workspace) return null;
  const res = workspace.view.resolve(ref, workspace.path);
  const named = `**${md(ref.via)}** → ${code(quoteUser(ref.target))}`;
  if (!res) return hover(`${named}: not in the workspace (it may exist only in the cluster or on the server).`, ref.span);
  const leaf = res.certs[0];
  const lines = [`**${md(ref.via)}** → ${md(res.description)}`];
  const served = referenceCoverage(ref, res);
  if (served?.hosts.length) lines.push(`Hostnames: ${served.hosts.map((h) => `${h.covered ? '✓' : '✗'} ${md(h.host.value)}`).join(' · ')}`);
  const through = throughCoverage(ref, workspace.path, res, (kind) => workspace.view.facts(kind));
  if (through.length) {
    const vias = [...new Set(through.map((t) => t.via))];
    const shown = through.slice(0, 12).map((h) => `${h.covered ? '✓' : '✗'} ${md(h.host.value)}`).join(' · ');
    lines.push(
      `Through ${md(vias.slice(0, 4).join(', '))}${vias.length > 4 ? ` and ${vias.length - 4} more` : ''}: `
        + `${shown}${through.length > 12 ? ` and ${through.length - 12} more` : ''}`,
    );
  }
  if (leaf) lines.push(certificateMarkdown(leaf.cert, now, res.certs.length > 1 ? `${res.certs.length} certificates in the chain` : undefined));
  else if (res.keys.length) lines.push(`A private key (${md(res.keys[0].key.algorithm)}); its material is never shown.`);
  else lines.push('No certificate or key found there.');
  return hover(lines.join('\n\n'), ref.span);
}
