import type { Rule } from '../types';
import { isoDate, relativeTime } from '../../util/time';
import { certificatesToCheck, checkedLabel, renewal } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/cert-expiring-soon',
    appliesTo: 'any',
    severity: 'warning',
    description: 'A certificate that expires within `tlsLens.expiryWarningDays` days (default 30).',
    citation: 'RFC 5280 §4.1.2.5 (validity); Aragora TLS guide, "Certificate Monitoring" (alert under 30 days)',
    messages: {
      expiring: "Certificate '{{name}}' expires {{when}} (notAfter {{notAfter}}), within the {{days}}-day warning window.",
    },
  },
  check(ctx) {
    const windowMs = ctx.settings.expiryWarningDays * 86_400_000;
    const now = ctx.now.getTime();
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      const left = c.notAfter.getTime() - now;
      if (left >= 0 && left <= windowMs && c.notBefore.getTime() <= now) {
        ctx.report({
          span, messageId: 'expiring',
          data: {
            name: checkedLabel(entry), when: relativeTime(c.notAfter, ctx.now), notAfter: isoDate(c.notAfter),
            days: ctx.settings.expiryWarningDays,
          },
          fix: { generate: renewal(ctx, entry) },
        });
      }
    }
  },
};
