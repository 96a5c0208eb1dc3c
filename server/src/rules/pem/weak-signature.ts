import type { Rule } from '../types';
import { certificatesToCheck, checkedLabel } from './helpers';

const WEAK = new Set(['SHA-1', 'MD5', 'MD2']);

export const rule: Rule = {
  meta: {
    id: 'pem/weak-signature',
    appliesTo: 'any',
    severity: 'warning',
    description: 'A certificate signed with SHA-1 or MD5 by an issuer (self-signed roots are exempt: their signature is not checked).',
    citation: 'RFC 6194 (SHA-1), RFC 6151 (MD5); CA/Browser Forum BR §7.1.3.2; SSL Labs grading: MD5 caps at F',
    messages: {
      weak: "Certificate '{{name}}' is signed with {{algorithm}} ({{hash}}), which clients reject; reissue it with SHA-256 or better.",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      if (!WEAK.has(c.signatureAlgorithm.hash) || c.selfSigned) continue;
      ctx.report({ span, messageId: 'weak', data: { name: checkedLabel(entry), algorithm: c.signatureAlgorithm.name, hash: c.signatureAlgorithm.hash } });
    }
  },
};
