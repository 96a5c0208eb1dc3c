import type { Rule } from '../types';
import { daysBetween } from '../../util/time';
import { certificatesToCheck, checkedLabel, isEndEntity } from './helpers';

/** BR §6.3.2: validity period (notAfter - notBefore + 1 s) at most 398 days. */
const MAX_DAYS = 398;

export const rule: Rule = {
  meta: {
    id: 'pem/validity-too-long',
    appliesTo: 'any',
    severity: 'information',
    description: 'An end-entity certificate valid for more than 398 days: publicly trusted TLS certificates may not be, and browsers reject them.',
    citation: 'CA/Browser Forum Baseline Requirements §6.3.2 (398 days, falling to 200/100/47 days from 2026-03)',
    messages: {
      tooLong: "Certificate '{{name}}' is valid for {{days}} days; publicly trusted TLS certificates may be valid for at most 398 days (CA/Browser Forum BR §6.3.2).",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      if (!isEndEntity(c)) continue;
      const days = daysBetween(c.notBefore, c.notAfter) + 1 / 86400;
      if (days > MAX_DAYS) ctx.report({ span, messageId: 'tooLong', data: { name: checkedLabel(entry), days: Math.round(days) } });
    }
  },
};
