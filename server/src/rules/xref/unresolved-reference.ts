import type { Rule } from '../types';
import { resolved } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'xref/unresolved-reference',
    appliesTo: 'any',
    severity: 'information',
    description: 'A certificate, key or CA reference (a path, a Secret or ConfigMap name) that resolves to nothing in the workspace; it may live in the cluster or on the server.',
    citation: 'TLS Lens workspace index; paths resolve beside the file, then from the workspace root, then through tlsLens.pathMappings',
    messages: { unresolved: "{{via}} '{{target}}' is not in the workspace{{hint}}: TLS Lens cannot check it (it may exist only in the cluster or on the server)." },
  },
  check(ctx) {
    if (!ctx.workspace?.complete) return;
    for (const { ref, res } of resolved(ctx)) {
      if (res || ref.kind === 'inline') continue;
      // cert-manager will create it.
      if (ref.kind === 'secret' && ctx.workspace.pendingFor(ref.target, ref.namespace).length > 0) continue;
      const hint = ref.kind === 'file' && ref.target.startsWith('/') ? ' (map its prefix to a folder with tlsLens.pathMappings)' : '';
      ctx.report({ span: ref.span, messageId: 'unresolved', data: { via: ref.via, target: ref.target, hint } });
    }
  },
};
