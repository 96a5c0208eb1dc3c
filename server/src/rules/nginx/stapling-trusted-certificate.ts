import type { Rule } from '../types';
import { nginxOf, staplingWithout } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/stapling-trusted-certificate',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_stapling on` without `ssl_trusted_certificate`: OCSP responses are verified only against the chain in ssl_certificate, which fails when it lacks the issuer of the intermediates.',
    citation: 'nginx ngx_http_ssl_module, ssl_stapling_verify and ssl_trusted_certificate; Mozilla Server Side TLS 6.0',
    messages: { noTrusted: 'ssl_stapling is on but no ssl_trusted_certificate applies here: OCSP responses can only be verified if ssl_certificate holds the full chain.' },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of staplingWithout(model, 'ssl_trusted_certificate')) ctx.report({ span: d.span, messageId: 'noTrusted' });
  },
};
