import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'pem/key-without-cert',
    appliesTo: 'any',
    severity: 'information',
    description: 'A private key in a file with certificates, matching none of them (a stale key, or the wrong certificate beside it).',
    citation: 'RFC 5280 §4.1.2.7 (subjectPublicKeyInfo); nginx ssl_certificate_key must match ssl_certificate',
    messages: {
      noMatch: 'This {{key}} private key matches none of the {{count}} certificate(s) in this file.',
    },
  },
  check(ctx) {
    const { items, keyMatches } = ctx.model.pem;
    const count = items.filter((i) => i.kind === 'certificate').length;
    if (count === 0) return; // a key file alone is normal
    items.forEach((item, index) => {
      if (item.kind !== 'privateKey' || item.key.encrypted || keyMatches.get(index) !== -1) return;
      const key = item.key.algorithm === 'EC' ? `EC ${item.key.curve}` : `${item.key.algorithm}${item.key.bits ? ' ' + item.key.bits : ''}`;
      ctx.report({ span: item.block.span, messageId: 'noMatch', data: { key, count } });
    });
  },
};
