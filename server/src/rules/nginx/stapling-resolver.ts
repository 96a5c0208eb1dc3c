import type { Rule } from '../types';
import { insertLineAfter, nginxOf, staplingNeedsResolver, staplingWithout } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/stapling-resolver',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl_stapling on` in a TLS server without a `resolver`: nginx cannot reach the OCSP responder, so nothing is stapled. Not needed with `ssl_stapling_file` or an `ssl_stapling_responder` given by IP address.',
    citation: 'nginx ngx_http_ssl_module, ssl_stapling ("a resolver should be specified"); Mozilla Server Side TLS 6.0 (OCSP stapling)',
    messages: { noResolver: 'ssl_stapling is on but no resolver applies here: nginx cannot resolve the OCSP responder and staples nothing.' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of staplingWithout(model, 'resolver', staplingNeedsResolver)) {
      ctx.report({
        span: d.span,
        messageId: 'noResolver',
        fix: { fixes: [{ title: 'Add a resolver', edits: [insertLineAfter(model, d, 'resolver 1.1.1.1 8.8.8.8 valid=300s;')] }] },
      });
    }
  },
};
