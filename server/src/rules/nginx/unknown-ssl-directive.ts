import type { Rule } from '../types';
import { DIRECTIVES } from '../../nginx/directives';
import { suggestKey } from '../../schema/problems';
import { eachDirective, nginxOf } from './helpers';

const SSL_NAMES = Object.keys(DIRECTIVES).filter((n) => n.startsWith('ssl') || n.startsWith('proxy_ssl'));

export const rule: Rule = {
  meta: {
    id: 'nginx/unknown-ssl-directive',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'An `ssl_*` or `proxy_ssl_*` directive nginx does not have (usually a typo, which nginx refuses at start).',
    citation: 'nginx documentation, ngx_http_ssl_module and ngx_http_proxy_module; nginx -t: "unknown directive"',
    messages: {
      unknown: 'unknown directive "{{name}}"{{suggestion}}.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    eachDirective(model, (d, context) => {
      if (!/^(proxy_)?ssl(_|$)/.test(d.name) || DIRECTIVES[d.name] || context === 'stream' || context === 'mail') return;
      const s = suggestKey(d.name, SSL_NAMES);
      ctx.report({
        span: d.nameSpan,
        messageId: 'unknown',
        data: { name: d.name, suggestion: s ? `: did you mean "${s}"?` : '' },
        ...(s ? { fix: { fixes: [{ title: `Rename to ${s}`, edits: [{ span: d.nameSpan, newText: s }] }] } } : {}),
      });
    });
  },
};
