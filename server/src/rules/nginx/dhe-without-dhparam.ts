import type { Rule } from '../types';
import { cipherTokens, named, nginxOf, serversUsing } from './helpers';

const DHE = /^(DHE-|EDH-|kEDH|kDHE|EDH$|DHE$|HIGH$|ALL$|DEFAULT$|MEDIUM$)/;

export const rule: Rule = {
  meta: {
    id: 'nginx/dhe-without-dhparam',
    appliesTo: 'nginx',
    severity: 'warning',
    description: 'DHE cipher suites enabled without `ssl_dhparam`: nginx then has no DH group, so DHE is silently unavailable (or, on old builds, uses a weak 1024-bit group).',
    citation: 'nginx ngx_http_ssl_module, ssl_dhparam; Mozilla Server Side TLS (dh_param_size 2048, ffdhe2048); SSL Labs: DH < 2048 caps at B',
    messages: { noDhparam: 'Cipher "{{token}}" enables DHE suites but no ssl_dhparam applies here; add ssl_dhparam (e.g. Mozilla\'s ffdhe2048.txt) or drop DHE.' },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'ssl_ciphers')) {
      const arg = d.args[0];
      if (!arg) continue;
      const servers = serversUsing(model, d);
      const covered = servers.length > 0 ? servers.every((s) => s.get('ssl_dhparam').length > 0) : named(model, 'ssl_dhparam').length > 0;
      if (covered) continue;
      const removed = cipherTokens(arg).some((t) => /^!(kEDH|kDHE|EDH|DHE)$/.test(t.token));
      if (removed) continue;
      const t = cipherTokens(arg).find((x) => DHE.test(x.token.replace(/^\+/, '')));
      if (t) ctx.report({ span: { start: t.start, end: t.end }, messageId: 'noDhparam', data: { token: t.token } });
    }
  },
};
