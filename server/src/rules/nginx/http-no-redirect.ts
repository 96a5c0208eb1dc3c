import type { Rule } from '../types';
import { nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/http-no-redirect',
    appliesTo: 'nginx',
    severity: 'information',
    description: 'A plain-HTTP server for the names a TLS server serves that does not redirect to https://.',
    citation: 'Mozilla Server Side TLS 6.0 configurations (return 301/308 https://$host$request_uri); Aragora TLS guide, Redirect HTTP to HTTPS',
    messages: { noRedirect: 'Plain HTTP for "{{name}}", which a TLS server in this file serves: redirect it (return 301 https://$host$request_uri;).' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const tlsNames = new Set(model.servers.filter((s) => s.tls).flatMap((s) => s.names.map((n) => n.value.toLowerCase())));
    for (const s of model.servers) {
      if (s.tls || s.listens.length === 0 || s.redirectsToHttps) continue;
      const name = s.names.find((n) => tlsNames.has(n.value.toLowerCase()));
      if (!name) continue;
      const last = s.directive.block?.find((d) => d.name === 'server_name') ?? s.directive.block?.[0];
      ctx.report({
        span: name.span,
        messageId: 'noRedirect',
        data: { name: name.value },
        ...(last ? {
          fix: {
            fixes: [{
              title: 'Redirect to HTTPS',
              edits: [{
                span: { start: last.span.end, end: last.span.end },
                newText: `\n${model.indentAt(last.span.start)}return 301 https://$host$request_uri;`,
              }],
            }],
          },
        } : {}),
      });
    }
  },
};
