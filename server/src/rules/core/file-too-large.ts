import type { Rule } from '../types';

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
    const firstLine = ctx.model.text.indexOf('\n');
    ctx.report({ span: { start: 0, end: Math.min(firstLine < 0 ? ctx.model.text.length : firstLine, 200) }, messageId: 'tooLarge', data: { size: t.sizeKB, limit: t.limitKB } });
  },
};
