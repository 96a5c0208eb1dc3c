import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { coversHost } from '../../x509/hostname';

export const rule: Rule = {
  meta: {
    id: 'xref/ingress-host-without-tls',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'An Ingress rule host (or a Helm values ingress host) that no tls entry lists: it is served with the controller\'s default certificate, which does not cover it.',
    citation: 'Kubernetes Ingress TLS (spec.tls[].hosts must match spec.rules[].host); OpsChain TLS guide, Image registry hostname (trow.ingress.hosts and trow.ingress.tls)',
    messages: { noTls: "Host '{{host}}' has no tls entry: the ingress controller serves it with its default (fake) certificate. Add it to a tls entry's hosts." },
  },
  check(ctx) {
    for (const ing of refsOf(ctx.model).ingresses) {
      // A tls host written with a template action may be any host: none is known to be missing.
      if (!ing.hasTls || ing.tlsHostsUnknown) continue;
      const listed = ing.tlsHosts.map((v) => ({ type: 'dns' as const, value: v }));
      for (const h of ing.ruleHosts) if (!coversHost(listed, h.value)) ctx.report({ span: h.span, messageId: 'noTls', data: { host: h.value } });
    }
  },
};
