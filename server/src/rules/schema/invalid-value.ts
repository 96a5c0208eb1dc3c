import type { Rule } from '../types';
import { reportProblems } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'schema/invalid-value',
    appliesTo: 'yaml',
    severity: 'error',
    description: 'A value the product rejects: wrong type, not one of the allowed values, a malformed hostname, URL, port or duration.',
    citation: 'The product documents in schemas/ (each key cites its source); a chart\'s own values.schema.json',
    messages: { problem: '{{message}}' },
    fixable: true,
  },
  check(ctx) {
    reportProblems(ctx, 'invalid-value');
  },
};
