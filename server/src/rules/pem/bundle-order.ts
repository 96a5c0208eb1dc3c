import type { Rule } from '../types';
import { certificates, certLabel, documentCertificates } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/bundle-order',
    appliesTo: 'any',
    severity: 'warning',
    description: 'In a bundle, a certificate that is not issued by the certificate right after it (servers send the chain in file order).',
    citation: 'RFC 8446 §4.4.2 (each certificate certifies the one before it); nginx ssl_certificate docs (server certificate first, then intermediates)',
    messages: {
      notNext: "Certificate '{{name}}' is not issued by the next certificate '{{next}}' (its issuer is {{issuer}}).",
      elsewhere: "Certificate '{{name}}' is not issued by the next certificate '{{next}}'; its issuer is block {{position}} of this file: move that block right after this one.",
    },
  },
  check(ctx) {
    for (const { item, index, bundle, span } of documentCertificates(ctx.model)) {
      const rel = bundle.certRelations.get(index);
      // Self-issued roots end a chain; a trust store is a list of them and has no order.
      if (!rel?.next || rel.signedByNext || item.cert.selfIssued) continue;
      const data = { name: certLabel(item.cert), next: certLabel(rel.next), issuer: item.cert.issuer.text };
      if (rel.issuerElsewhere !== undefined) {
        ctx.report({ span, messageId: 'elsewhere', data: { ...data, position: certificates(bundle.items).findIndex((c) => c.index === rel.issuerElsewhere) + 1 } });
      } else {
        ctx.report({ span, messageId: 'notNext', data });
      }
    }
  },
};
