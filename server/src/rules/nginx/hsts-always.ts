import type { Rule } from '../types';
import { named, isHsts, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/hsts-always',
    appliesTo: 'nginx',
    severity: 'information',
    description: 'A Strict-Transport-Security `add_header` without `always`: it is not sent with error responses (4xx, 5xx).',
    citation: 'nginx ngx_http_headers_module, add_header ("always" parameter, 1.7.5); Mozilla Server Side TLS 6.0 configurations',
    messages: { notAlways: 'add_header Strict-Transport-Security without "always" is only sent with 2xx and 3xx responses.' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'add_header').filter(isHsts)) {
      if (d.args.some((a) => a.value === 'always') || d.args.length < 2) continue;
      const end = d.args[d.args.length - 1].span.end;
      ctx.report({
        span: d.nameSpan, messageId: 'notAlways',
        fix: { fixes: [{ title: 'Add "always"', edits: [{ span: { start: end, end }, newText: ' always' }] }] },
      });
    }
  },
};
