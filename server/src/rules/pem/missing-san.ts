import type { Rule } from '../types';
import { certificatesToCheck, checkedLabel, isEndEntity } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/missing-san',
    appliesTo: 'any',
    severity: 'warning',
    description: 'An end-entity certificate without a subjectAltName: clients ignore the CN, so it is valid for no hostname (client-only certificates are exempt).',
    citation: 'RFC 9525 §6.3 (CN-IDs no longer used); RFC 6125 §6.4.4; CA/Browser Forum BR §7.1.2.7.12',
    messages: {
      missing: "Certificate '{{name}}' has no subjectAltName extension; TLS clients ignore the CN and will reject it for every hostname.",
      empty: "Certificate '{{name}}' has an empty subjectAltName extension.",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      if (!isEndEntity(c)) continue;
      // A client-only certificate (EKU without serverAuth, like an OpenChoreo agent's) names no host.
      const eku = c.ext.extKeyUsage;
      if (eku && !eku.includes('serverAuth') && !eku.includes('anyExtendedKeyUsage')) continue;
      if (!c.ext.san) ctx.report({ span, messageId: 'missing', data: { name: checkedLabel(entry) } });
      else if (c.ext.san.length === 0) ctx.report({ span, messageId: 'empty', data: { name: checkedLabel(entry) } });
    }
  },
};
