import type { Rule } from '../types';
import { reportProblems } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'schema/validation-rule',
    appliesTo: 'yaml',
    severity: 'error',
    description: "An object the API server rejects by its CRD's validation rules (x-kubernetes-validations, CEL) or a duplicate list key, on the field.",
    citation: 'Kubernetes: CustomResourceDefinition validation rules and list types; the CRD\'s own message (Gateway API release CRDs, schemas/gateway-api-*)',
    messages: { problem: '{{message}}' },
  },
  check(ctx) {
    reportProblems(ctx, 'rule');
  },
};
