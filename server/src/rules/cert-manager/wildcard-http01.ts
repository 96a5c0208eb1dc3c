import type { Rule } from '../types';
import { refsOf } from '../../products/refs';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'cert-manager/wildcard-http01',
    appliesTo: 'yaml',
    severity: 'error',
    description: 'A wildcard name (`*.example.com`) requested from an ACME issuer that has only HTTP-01 solvers: ACME issues wildcards only over DNS-01, so the order never completes.',
    citation: 'RFC 8555 §7.1.3 and Let\'s Encrypt (wildcards require DNS-01); Aragora TLS guide, "DNS Challenge (Wildcard Certificates)"',
    messages: { http01: "'{{name}}' is a wildcard, but {{kind}} '{{issuer}}' has only HTTP-01 solvers: ACME issues wildcards only over DNS-01, so cert-manager never gets the certificate." },
  },
  check(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    for (const r of refsOf(ctx.model).issuerRefs) {
      const wildcards = r.dnsNames.filter((n) => n.value.startsWith('*.'));
      if (wildcards.length === 0) continue;
      const issuers = ws.issuers(r.name, r.kind, r.namespace);
      const http01 = issuers.find((i) => i.issuer.acme?.http01Only);
      if (!http01 || issuers.some((i) => i.issuer.acme && !i.issuer.acme.http01Only)) continue;
      for (const w of wildcards) {
        ctx.report({
          span: w.span, messageId: 'http01', data: { name: quoteUser(w.value), kind: r.kind, issuer: r.name },
          related: [{ path: http01.path, span: http01.issuer.nameSpan, message: `${r.kind} ${r.name} (HTTP-01 solvers only)` }],
        });
      }
    }
  },
};
