import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { SERVICE, URL_FACT } from '../../products/kubernetes';
import { clipToLine } from '../../model/spans';
import { coversHost } from '../../x509/hostname';
import { quoteUser } from '../../util/redact';
import { someOf } from '../../util/list';
import { sans } from './helpers';
import { servedBy, Served } from './served';

/**
 * The Service a host names, the way cluster DNS resolves it from a pod in `namespace`: `svc`,
 * `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`.
 */
function serviceOf(host: string, namespace: string | undefined): { name: string; namespace?: string } | undefined {
  const labels = host.replace(/\.$/, '').split('.');
  if (labels.length === 1) return { name: labels[0], namespace };
  if (labels.length === 2) return { name: labels[0], namespace: labels[1] };
  if (labels.length === 3 && labels[2] === 'svc') return { name: labels[0], namespace: labels[1] };
  if (labels.length === 5 && labels.slice(2).join('.') === 'svc.cluster.local') return { name: labels[0], namespace: labels[1] };
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'xref/service-url-not-covered',
    appliesTo: 'yaml',
    severity: 'error',
    description: "An https:// or wss:// URL in a workload's env or args (or a ConfigMap) whose host is a Service of the workspace, when the certificate its pods serve (their TLS Secret, or the cert-manager Certificate that writes it) does not cover that host.",
    citation: 'Kubernetes DNS for Services (svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local); RFC 6125 §6.4 (the client checks the name it connected to)',
    messages: {
      notCovered: "{{via}} calls '{{host}}', but {{served}} serves a certificate for {{sans}}: the client rejects the handshake.",
      notPending: "{{via}} calls '{{host}}', but {{served}} will serve the certificate cert-manager issues for {{names}}: the client will reject it.",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    for (const u of refsOf(ctx.model).facts) {
      if (!isFact(u, URL_FACT)) continue;
      const svc = serviceOf(u.host, u.namespace);
      // Only a host that is a Service the workspace defines (a short name a workload resolves in its namespace).
      const sameNs = (n: string | undefined) => svc?.namespace === undefined || n === undefined || n === svc.namespace;
      if (!svc || !ws.facts(SERVICE).some((s) => s.fact.name === svc.name && sameNs(s.fact.namespace))) continue;
      const served = servedBy(ws, { group: '', kind: 'Service', name: svc.name, namespace: svc.namespace, span: u.span }, u.namespace, ctx.path);
      if (served.length === 0) continue;
      const pendingNames = (s: Served) => s.pending.flatMap((p) => p.dnsNames).map((value) => ({ type: 'dns' as const, value }));
      const covered = served.some((s) => coversHost(s.leaf ? s.leaf.cert.ext.san : pendingNames(s), u.host));
      if (covered) continue;
      const s = served[0];
      const span = clipToLine(ctx.model, u.span);
      if (s.leaf) {
        ctx.report({
          span, messageId: 'notCovered', data: { via: u.via, host: quoteUser(u.host), served: s.via, sans: sans(s.leaf.cert) },
          related: [{ path: s.leaf.path, span: s.leaf.span, message: `the certificate ${s.via} serves` }],
        });
      } else {
        const names = someOf(s.pending.flatMap((p) => p.dnsNames).map((h) => quoteUser(h)));
        ctx.report({ span, messageId: 'notPending', data: { via: u.via, host: quoteUser(u.host), served: s.via, names } });
      }
    }
  },
};
