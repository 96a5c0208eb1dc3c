import type { Rule } from '../types';
import { reportProblems } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'schema/placeholder-value',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'A value that fails the schema because it still holds a placeholder from a guide or template (`<your domain>`, `${HOST}`, `CHANGE_ME`).',
    citation: 'The product documents in schemas/; documentation examples use placeholders such as <NAMESPACE> (Spinnaker mTLS guide, Changing service endpoints)',
    messages: { problem: '{{message}}' },
  },
  check(ctx) {
    reportProblems(ctx, 'placeholder');
  },
};
