import type { Rule } from '../types';
import { isoDate, relativeTime } from '../../util/time';
import { certificates, certLabel } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/cert-expired',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate whose notAfter has passed: every TLS client rejects it.',
    citation: 'RFC 5280 §4.1.2.5 (validity); SSL Labs grading: expired caps at T',
    messages: {
      expired: "Certificate '{{name}}' expired {{ago}} (notAfter {{notAfter}}).",
    },
  },
  check(ctx) {
    for (const { item } of certificates(ctx.model.pem.items)) {
      const c = item.cert;
      if (c.notAfter.getTime() < ctx.now.getTime()) {
        ctx.report({ span: item.block.span, messageId: 'expired', data: { name: certLabel(c), ago: relativeTime(c.notAfter, ctx.now), notAfter: isoDate(c.notAfter) }, fix: { generate: { action: 'renew', title: `Renew '${certLabel(c)}' (new key, same names and usages)`, path: ctx.path, offset: item.block.span.start } } });
      }
    }
  },
};
