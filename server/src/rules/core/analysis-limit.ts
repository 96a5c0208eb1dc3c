import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'core/analysis-limit',
    appliesTo: 'any',
    severity: 'information',
    description: 'Part of a file was not analysed because it exceeds a bound that keeps the editor responsive: nesting depth, alias expansion, include expansion, or the time budget per file.',
    citation: 'TLS Lens robustness bounds (README, "Security and robustness")',
    messages: {
      limit: 'TLS Lens did not analyse all of this file: {{message}}.',
    },
  },
  check(ctx) {
    for (const l of ctx.model.limits) ctx.report({ span: l.span, messageId: 'limit', data: { message: l.message } });
  },
};
