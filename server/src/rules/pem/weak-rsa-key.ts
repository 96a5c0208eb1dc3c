import type { Rule } from '../types';
import { certificatesToCheck, certLabel, checkedLabel } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/weak-rsa-key',
    appliesTo: 'any',
    severity: 'warning',
    description: 'An RSA key under 2048 bits (under 1024 bits: error), in a certificate, CSR, private or public key.',
    citation: 'NIST SP 800-131A Rev. 2 §3 (RSA < 2048 bits disallowed); CA/Browser Forum BR §6.1.5; SSL Labs grading: < 2048 caps at B, < 1024 at F',
    messages: {
      weak: '{{what}} has an RSA key of {{bits}} bits; use at least 2048 bits.',
      broken: '{{what}} has an RSA key of {{bits}} bits, which is breakable; use at least 2048 bits.',
    },
  },
  check(ctx) {
    for (const item of ctx.model.pem.items) {
      let key: { algorithm: string; bits?: number } | undefined;
      let what = '';
      switch (item.kind) {
        case 'certificate': key = item.cert.publicKey; what = `Certificate '${certLabel(item.cert)}'`; break;
        case 'csr': key = item.csr.publicKey; what = 'This certificate request'; break;
        case 'publicKey': key = item.key; what = 'This public key'; break;
        case 'privateKey': if (!item.key.encrypted) { key = item.key; what = 'This private key'; } break;
      }
      if (!key || !key.algorithm.startsWith('RSA') || key.bits === undefined || key.bits >= 2048) continue;
      const broken = key.bits < 1024;
      ctx.report({
        span: item.block.span, messageId: broken ? 'broken' : 'weak', data: { what, bits: key.bits },
        ...(broken ? { severity: 'error' as const } : {}),
      });
    }
    // Certificates decoded from a Secret's base64 data and inside referenced keystores (the PEM text's are above).
    for (const entry of certificatesToCheck(ctx)) {
      const key = entry.item.cert.publicKey;
      if ((!entry.secret && !entry.keystore) || !key.algorithm.startsWith('RSA') || key.bits === undefined || key.bits >= 2048) continue;
      const broken = key.bits < 1024;
      ctx.report({
        span: entry.span, messageId: broken ? 'broken' : 'weak', data: { what: `Certificate '${checkedLabel(entry)}'`, bits: key.bits },
        ...(broken ? { severity: 'error' as const } : {}),
      });
    }
  },
};
