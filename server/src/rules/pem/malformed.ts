import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'pem/malformed',
    appliesTo: 'any',
    severity: 'error',
    description: 'A PEM block whose armour, base64 or DER cannot be read.',
    citation: 'RFC 7468 §2-§3 (textual encoding); ITU-T X.690 (DER)',
    messages: {
      malformed: 'Malformed PEM block: {{reason}}.',
      strayEnd: 'END {{label}} without a matching BEGIN line.',
    },
  },
  check(ctx) {
    for (const item of ctx.model.pem.items) {
      if (item.kind === 'malformed') ctx.report({ span: item.block.span, messageId: 'malformed', data: { reason: item.error } });
    }
    for (const stray of ctx.model.pem.strayEnds) {
      ctx.report({ span: stray.span, messageId: 'strayEnd', data: { label: stray.label } });
    }
  },
};
