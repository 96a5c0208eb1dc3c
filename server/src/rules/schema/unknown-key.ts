import type { Rule } from '../types';
import { reportProblems } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'schema/unknown-key',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'A key the product does not know inside a TLS-relevant block (a typo is silently ignored by Helm and Spring), with the closest known key.',
    citation: 'The product documents in schemas/; unknown keys outside TLS blocks are allowed',
    messages: { problem: '{{message}}' },
    fixable: true,
  },
  check(ctx) {
    reportProblems(ctx, 'unknown-key');
  },
};
