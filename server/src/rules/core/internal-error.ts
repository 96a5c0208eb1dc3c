import type { Rule } from '../types';
import { firstLineSpan } from '../../model/spans';
import { internalErrorMessage } from '../../util/errors';

export const rule: Rule = {
  meta: {
    id: 'core/internal-error',
    appliesTo: 'any',
    severity: 'warning',
    description: 'TLS Lens itself failed on this file (a parser or a rule threw): the file is reported as not fully checked, and every other file is still checked. The CLI exits 3.',
    citation: 'TLS Lens robustness (README, "Security and robustness"): crashes are not findings',
    messages: { failed: '{{message}}' },
  },
  check(ctx) {
    // A rule that throws is reported by the engine under this id; here, a model that could not be built.
    const f = ctx.model.failure;
    if (!f) return;
    ctx.report({ span: firstLineSpan(ctx.model), messageId: 'failed', data: { message: internalErrorMessage(`reading the file (${f.phase})`, f.error) } });
  },
};
