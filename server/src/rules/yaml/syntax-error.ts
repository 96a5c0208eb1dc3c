import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'yaml/syntax-error',
    appliesTo: 'yaml',
    severity: 'error',
    description: 'YAML that does not parse (never reported on Helm templates, whose {{ }} actions are not YAML).',
    citation: 'YAML 1.2 specification; Helm chart templates (templates/) are Go templates',
    messages: { syntax: 'YAML syntax error: {{message}}' },
  },
  check(ctx) {
    for (const d of ctx.model.yaml?.documents ?? []) {
      for (const e of d.errors) ctx.report({ span: e.span, messageId: 'syntax', data: { message: e.message } });
    }
  },
};
