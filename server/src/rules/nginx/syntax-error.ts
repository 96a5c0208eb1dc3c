import type { Rule } from '../types';
import { DIRECTIVES } from '../../nginx/directives';
import { eachDirective, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/syntax-error',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'nginx configuration that does not parse: unbalanced braces, a missing `;`, an unterminated quote.',
    citation: 'nginx core: ngx_conf_file.c (ngx_conf_read_token); nginx -t',
    messages: {
      syntax: '{{message}}',
      merged: 'missing ";" before "{{next}}"? nginx reads "{{next}}" as an argument of "{{name}}".',
    },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const e of model.parse.errors) ctx.report({ span: e.span, messageId: 'syntax', data: { message: e.message } });
    // A directive name that starts a line inside another directive's arguments: a `;` went missing.
    eachDirective(model, (d) => {
      const next = d.args.find((a) => !a.quoted && a.lineStart && DIRECTIVES[a.value]);
      // A warning: nginx fails only when the merged arguments are invalid (directive-args says so).
      if (next) {
        ctx.report({
          span: { start: d.nameSpan.start, end: d.terminator + 1 }, messageId: 'merged',
          data: { next: next.value, name: d.name }, severity: 'warning',
        });
      }
    });
  },
};
