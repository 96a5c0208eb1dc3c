import type { Rule } from '../types';
import { reportProblems } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'schema/missing-key',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'A key the product requires is missing, reported on the parent key (a warning: another values file, a default or a policy may supply it).',
    citation: 'The product documents in schemas/; Kubernetes API validation; a chart\'s own values.schema.json',
    messages: { problem: '{{message}}' },
  },
  check(ctx) {
    reportProblems(ctx, 'missing-key');
  },
};
