/** Hover on references (a path, a secretName, a clientCA value) and on certificates in Secret data: what the workspace index resolves them to. */
import type { Hover } from 'vscode-languageserver-types';
import { referenceAt, refsOf } from '../../products/refs';
import { coversHost } from '../../x509/hostname';
import { code, md } from '../../util/markdown';
import { quoteUser } from '../../util/redact';
import { certificateMarkdown } from './certificate';
import type { HoverContext } from './context';

export function referenceHover({ model, position, lines: index, now, workspace }: HoverContext): Hover | null {
  const offset = index.offsetAt(position);
  const range = (s: { start: number; end: number }) => ({ start: index.positionAt(s.start), end: index.positionAt(s.end) });
  // Secret data (base64) and ConfigMap ca.crt values defined here.
  for (const o of refsOf(model).objects) {
    for (const [key, e] of o.entries) {
      if (offset < e.span.start || offset > e.span.end) continue;
      const cert = e.pem.items.find((i) => i.kind === 'certificate');
      const key2 = e.pem.items.find((i) => i.kind === 'privateKey');
      if (cert?.kind === 'certificate') return { contents: { kind: 'markdown', value: `**${o.kind} ${md(o.name)}** ${code(key)}\n\n${certificateMarkdown(cert.cert, now)}${e.pem.items.length > 1 ? `\n\n_${e.pem.items.length} PEM blocks_` : ''}` }, range: range(e.span) };
      if (key2?.kind === 'privateKey') return { contents: { kind: 'markdown', value: `**${o.kind} ${md(o.name)}** ${code(key)}: a private key (${key2.key.encrypted ? 'encrypted' : md(`${key2.key.algorithm}${key2.key.bits ? ' ' + key2.key.bits : ''}`)}); its material is never shown.` }, range: range(e.span) };
    }
  }
  const ref = referenceAt(model, offset);
  if (!ref || !workspace) return null;
  const res = workspace.view.resolve(ref, workspace.path);
  if (!res) return { contents: { kind: 'markdown', value: `**${md(ref.via)}** → ${code(quoteUser(ref.target))}: not in the workspace (it may exist only in the cluster or on the server).` }, range: range(ref.span) };
  const leaf = res.certs[0];
  const lines = [`**${md(ref.via)}** → ${md(res.description)}`];
  if (ref.hosts?.length && leaf) lines.push(`Hostnames: ${ref.hosts.map((h) => `${coversHost(leaf.cert.ext.san, h.value) ? '✓' : '✗'} ${md(h.value)}`).join(' · ')}`);
  if (leaf) lines.push(certificateMarkdown(leaf.cert, now, res.certs.length > 1 ? `${res.certs.length} certificates in the chain` : undefined));
  else if (res.keys.length) lines.push(`A private key (${md(res.keys[0].key.algorithm)}); its material is never shown.`);
  else lines.push('No certificate or key found there.');
  return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: range(ref.span) };
}
