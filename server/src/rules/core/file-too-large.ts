import type { Rule } from '../types';
import { firstLineSpan } from '../../model/spans';

export const rule: Rule = {
  meta: {
    id: 'core/file-too-large',
    appliesTo: 'any',
    severity: 'information',
    description: 'A file over `tlsLens.maxFileSizeKB` is not analysed, so that a huge file cannot stall the editor.',
    citation: 'TLS Lens setting tlsLens.maxFileSizeKB',
    messages: {
      tooLarge: 'TLS Lens skipped this file: {{size}} KiB is over the {{limit}} KiB limit (tlsLens.maxFileSizeKB).',
    },
  },
  check(ctx) {
    const t = ctx.model.tooLarge;
    if (!t) return;
    ctx.report({ span: firstLineSpan(ctx.model), messageId: 'tooLarge', data: { size: t.sizeKB, limit: t.limitKB } });
  },
};
