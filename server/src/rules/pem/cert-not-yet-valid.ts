import type { Rule } from '../types';
import { isoDate, relativeTime } from '../../util/time';
import { certificatesToCheck, checkedLabel } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/cert-not-yet-valid',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate whose notBefore is in the future: clients reject it until then (often a clock or issuance mistake).',
    citation: 'RFC 5280 §4.1.2.5 (validity)',
    messages: {
      notYetValid: "Certificate '{{name}}' is not valid yet: it becomes valid {{when}} (notBefore {{notBefore}}).",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      if (c.notBefore.getTime() > ctx.now.getTime()) {
        ctx.report({
          span, messageId: 'notYetValid',
          data: { name: checkedLabel(entry), when: relativeTime(c.notBefore, ctx.now), notBefore: isoDate(c.notBefore) },
        });
      }
    }
  },
};
