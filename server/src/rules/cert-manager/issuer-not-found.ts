import type { Rule } from '../types';
import { refsOf } from '../../products/refs';

export const rule: Rule = {
  meta: {
    id: 'cert-manager/issuer-not-found',
    appliesTo: 'yaml',
    severity: 'information',
    description: 'An Issuer or ClusterIssuer named by a Certificate\'s issuerRef or an Ingress annotation that is not in the workspace: TLS Lens cannot check its solvers (it may exist only in the cluster).',
    citation: 'cert-manager Certificate issuerRef and Ingress annotations (cert-manager.io/cluster-issuer, cert-manager.io/issuer); Aragora TLS guide, "Create ClusterIssuer"',
    messages: { missing: "{{kind}} '{{name}}' ({{via}}) is not in the workspace: TLS Lens cannot check it (it may exist only in the cluster; kubectl get {{lower}})." },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws?.complete) return;
    const said = new Set<string>();
    for (const r of refsOf(ctx.model).issuerRefs) {
      const key = `${r.kind}/${r.name}`;
      if (said.has(key) || ws.issuers(r.name, r.kind, r.namespace).length > 0) continue;
      said.add(key);
      ctx.report({ span: r.span, messageId: 'missing', data: { kind: r.kind, name: r.name, via: r.via, lower: r.kind.toLowerCase() } });
    }
  },
};
