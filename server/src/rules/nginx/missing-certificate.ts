import type { Rule } from '../types';
import { nginxOf, serverAnchor } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/missing-certificate',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A `listen … ssl` server without `ssl_certificate` or `ssl_certificate_key` (inherited from http {} counts): nginx refuses to start.',
    citation: 'nginx ngx_http_ssl_module: "no ssl_certificate is defined for the listen … ssl directive"',
    messages: {
      missing: 'This TLS server has no {{directive}} (neither its own nor inherited from http {}): nginx refuses to start ("no {{first}} is defined").',
    },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    // Without the http {} level in view (a sites-enabled snippet), inheritance is unknown.
    if (!model.httpVisible && model.rootContext !== 'main') return;
    for (const s of model.servers) {
      if (!s.listens.some((l) => l.ssl)) continue;
      if (s.get('ssl_reject_handshake').some((d) => d.args[0]?.value === 'on')) continue;
      // One finding per server, naming what is missing (a certificate without a key is one problem).
      const missing = ['ssl_certificate', 'ssl_certificate_key'].filter((d) => s.get(d).length === 0);
      if (missing.length) ctx.report({ span: serverAnchor(s).span, messageId: 'missing', data: { directive: missing.join(' and '), first: missing[0] } });
    }
  },
};
