import type { Rule } from '../types';
import { atLeast, cipherTokens, named, nginxOf, onlyTls13, serversUsing } from './helpers';

const DHE = /^(DHE-|EDH-|kEDH|kDHE|EDH$|DHE$|HIGH$|ALL$|DEFAULT$|MEDIUM$)/;
const ECDHE = /^(ECDHE-|EECDH|kEECDH|kECDHE|ECDHE$|HIGH$|ALL$|DEFAULT$|MEDIUM$)/;

export const rule: Rule = {
  meta: {
    id: 'nginx/dhe-without-dhparam',
    appliesTo: 'nginx',
    severity: 'warning',
    description: 'DHE cipher suites enabled without `ssl_dhparam` where it matters: before nginx 1.11.0 DHE then uses a built-in 1024-bit group; from 1.11.0 DHE is silently off, which matters only when no ECDHE suite is enabled. Quiet where only TLS 1.3 is enabled, and in a snippet with no server in sight (the including file may set ssl_dhparam).',
    citation: 'nginx ngx_http_ssl_module, ssl_dhparam (CHANGES 1.11.0: no built-in DH parameters); Mozilla Server Side TLS (ffdhe2048); SSL Labs: DH < 2048 caps at B',
    messages: {
      weakGroup: 'Cipher "{{token}}" enables DHE suites but no ssl_dhparam applies here: nginx {{version}} then uses its built-in 1024-bit DH group; add ssl_dhparam (e.g. Mozilla\'s ffdhe2048.txt) or drop DHE.',
      noKeyExchange: 'Cipher "{{token}}" enables DHE suites but no ssl_dhparam applies here and no ECDHE suite is enabled: nginx (since 1.11.0) negotiates no DHE without DH parameters, so TLS 1.2 clients find no forward-secret key exchange; add ssl_dhparam (e.g. Mozilla\'s ffdhe2048.txt) or enable ECDHE suites.',
    },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'ssl_ciphers')) {
      const arg = d.args[0];
      if (!arg || onlyTls13(model, d)) continue;
      const servers = serversUsing(model, d);
      // A snippet with no server in sight: the file that includes it may set ssl_dhparam.
      if (servers.length === 0 && !model.httpVisible && model.rootContext !== 'main') continue;
      const covered = servers.length > 0 ? servers.every((s) => s.get('ssl_dhparam').length > 0) : named(model, 'ssl_dhparam').length > 0;
      if (covered) continue;
      const tokens = cipherTokens(arg);
      if (tokens.some((t) => /^!(kEDH|kDHE|EDH|DHE)$/.test(t.token))) continue;
      const t = tokens.find((x) => DHE.test(x.token.replace(/^\+/, '')));
      if (!t) continue;
      const oldNginx = !atLeast(model, '1.11.0');
      const ecdhe = tokens.some((x) => !/^[!-]/.test(x.token) && ECDHE.test(x.token.replace(/^\+/, '')))
        && !tokens.some((x) => /^!(kEECDH|kECDHE|EECDH|ECDHE)$/.test(x.token));
      if (!oldNginx && ecdhe) continue; // DHE is off, ECDHE does the work: nothing is lost
      ctx.report({
        span: { start: t.start, end: t.end }, messageId: oldNginx ? 'weakGroup' : 'noKeyExchange',
        data: { token: t.token, version: model.settings.version },
      });
    }
  },
};
