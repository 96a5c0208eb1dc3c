import type { Rule } from '../types';
import { insertLineAfter, nginxOf, profileOf, sendsHsts, serverAnchor } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/hsts-missing',
    appliesTo: 'nginx',
    severity: 'information',
    description: 'A TLS server without a Strict-Transport-Security header (own or inherited; `add_header`, headers-more\'s `more_set_headers`, or ngx_security_headers\' `security_headers on`, which sends one over https): browsers may still be talked into plain HTTP.',
    citation: 'RFC 6797 (HSTS); Mozilla Server Side TLS 6.0 (max-age ≥ 63072000); SSL Labs grading: A+ needs HSTS with a max-age of at least 180 days; GetPageSpeed ngx_security_headers README (HSTS over https)',
    messages: { missing: 'This TLS server sends no Strict-Transport-Security header; add one (max-age={{age}}).' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const age = profileOf(model).hstsMinAge;
    for (const s of model.servers) {
      if (!s.tls || sendsHsts(s)) continue;
      // A catch-all that drops every request (return 444) serves no page to protect.
      if (s.get('return').some((d) => d.args[0]?.value === '444')) continue;
      if (s.get('ssl_reject_handshake').some((d) => d.args[0]?.value === 'on')) continue;
      const own = s.directive.block ?? [];
      const anchorDirective = [...own].reverse().find((d) => d.name === 'listen' || d.name.startsWith('ssl_') || d.name === 'server_name') ?? own[0];
      ctx.report({
        span: serverAnchor(s).span,
        messageId: 'missing',
        data: { age },
        ...(anchorDirective ? {
          fix: {
            fixes: [{
              title: 'Add the HSTS header',
              edits: [insertLineAfter(model, anchorDirective, `add_header Strict-Transport-Security "max-age=${age}" always;`)],
            }],
          },
        } : {}),
      });
    }
  },
};
