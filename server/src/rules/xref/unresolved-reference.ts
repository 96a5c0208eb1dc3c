import type { Rule } from '../types';
import type { Reference } from '../../model/refs';
import { someOf } from '../../util/list';
import { resolved } from './helpers';
import { refsOf } from '../../model/refs';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'xref/unresolved-reference',
    appliesTo: 'any',
    severity: 'information',
    description: 'A certificate, key or CA reference (a path, a Secret or ConfigMap name) that resolves to nothing in the workspace; it may live in the cluster or on the server. Said once per missing file or object per document, naming the keys that refer to it.',
    citation: 'TLS Lens workspace index; paths resolve beside the file, then from the workspace root, then through tlsLens.pathMappings',
    messages: { unresolved: "{{what}} '{{target}}' is not in the workspace{{hint}}: TLS Lens cannot check it (it may exist only in the cluster or on the server). Named by {{vias}}." },
  },
  check(ctx) {
    if (!ctx.workspace?.complete) return;
    // One finding per missing file or object: a Spinnaker file names one Secret from dozens of keys.
    const missing = new Map<string, Reference[]>();
    for (const { ref, res } of resolved(ctx)) {
      if (res || ref.kind === 'inline') continue;
      // cert-manager will create it (a Certificate, or an issuer annotation on the same ingress).
      if (ref.kind === 'secret' && (ctx.workspace.pendingFor(ref.target, ref.namespace).length > 0 || refsOf(ctx.model).issuerRefs.some((r) => r.secretNames.includes(ref.target)))) continue;
      const key = `${ref.kind}\0${ref.namespace ?? ''}\0${ref.target}`;
      const list = missing.get(key);
      if (list) list.push(ref);
      else missing.set(key, [ref]);
    }
    for (const refs of missing.values()) {
      const first = refs[0];
      const hint = first.kind === 'file' && first.target.startsWith('/') ? ' (map its prefix to a folder with tlsLens.pathMappings)' : '';
      const what = first.kind === 'file' ? 'File' : first.kind === 'secret' ? 'Secret' : 'ConfigMap';
      const vias = [...new Set(refs.map((r) => r.via))];
      ctx.report({
        span: first.span,
        messageId: 'unresolved',
        data: { what, target: quoteUser(first.target), hint, vias: `${someOf(vias)}${refs.length > 1 ? ` (${refs.length} places)` : ''}` },
        ...(refs.length > 1 ? { related: refs.slice(1).map((r) => ({ path: ctx.path, span: r.span, message: `also named by ${r.via}` })) } : {}),
      });
    }
  },
};
