import type { Rule } from '../types';
import { nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/syntax-error',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'nginx configuration that does not parse: unbalanced braces, a missing `;`, an unterminated quote.',
    citation: 'nginx core: ngx_conf_file.c (ngx_conf_read_token); nginx -t',
    messages: { syntax: '{{message}}' },
  },
  check(ctx) {
    for (const e of nginxOf(ctx)?.parse.errors ?? []) ctx.report({ span: e.span, messageId: 'syntax', data: { message: e.message } });
  },
};
