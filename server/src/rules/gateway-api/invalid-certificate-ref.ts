import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { isFact } from '../../model/refs';
import { isSecretRef, LISTENER, SPEC } from '../../products/gateway-api';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'gateway-api/invalid-certificate-ref',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A listener's certificateRefs entry naming a Secret that is not of type kubernetes.io/tls, or lacks tls.crt or tls.key: the listener is not programmed (InvalidCertificateRef).",
    citation: `${SPEC}, GatewayTLSConfig certificateRefs ("a reference to a Kubernetes Secret of type kubernetes.io/tls"; condition ResolvedRefs False, reason InvalidCertificateRef)`,
    messages: {
      notTls: "Secret '{{name}}' is of type {{type}}, not kubernetes.io/tls: the listener refuses it (InvalidCertificateRef).",
      missing: "Secret '{{name}}' has no {{keys}}: the listener has no certificate to serve (InvalidCertificateRef).",
    },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    for (const l of refsOf(ctx.model).facts) {
      if (!isFact(l, LISTENER) || l.tlsMode !== 'Terminate') continue;
      for (const r of l.certificateRefs) {
        if (!isSecretRef(r)) continue;
        // Several Secrets of that name (no namespace known): one that would do is enough.
        const found = ws.objects('Secret', r.name, r.namespace ?? l.owner.namespace).map((o) => o.object);
        if (found.length === 0) continue;
        const problems = found.map((o): { messageId: string; data: Record<string, string> } | undefined => {
          // A value written with a template action is unknown: not judged.
          if (o.type !== undefined && o.type !== 'kubernetes.io/tls') {
            return { messageId: 'notTls', data: { name: quoteUser(r.name), type: quoteUser(o.type) } };
          }
          const missing = ['tls.crt', 'tls.key'].filter((k) => !o.entries.has(k));
          return missing.length ? { messageId: 'missing', data: { name: quoteUser(r.name), keys: missing.join(' nor ') } } : undefined;
        });
        const first = problems.find((p) => p);
        if (first && problems.every((p) => p)) ctx.report({ span: r.span, ...first });
      }
    }
  },
};
