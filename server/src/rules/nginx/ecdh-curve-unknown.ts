import { groupKnown, recommendedGroups } from '../../nginx/groups';
import type { Rule } from '../types';
import { named, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/ecdh-curve-unknown',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A group in `ssl_ecdh_curve` that the OpenSSL nginx links does not know (`tlsLens.nginx.openssl`, default 3.0): OpenSSL rejects the whole list and nginx refuses to start. Post-quantum `X25519MLKEM768` needs OpenSSL 3.5; BoringSSL and OQS names such as `X25519Kyber768Draft00` are unknown to OpenSSL.',
    citation: 'nginx ngx_http_ssl_module, ssl_ecdh_curve; OpenSSL SSL_CTX_set1_groups_list (3.0 capabilities, 3.5 ML-KEM groups)',
    messages: {
      later: 'OpenSSL {{openssl}} does not know the group "{{group}}" (it needs OpenSSL {{since}}): the whole ssl_ecdh_curve list is rejected and nginx refuses to start.',
      unknown: 'OpenSSL knows no group "{{group}}": the whole ssl_ecdh_curve list is rejected and nginx refuses to start.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const openssl = model.settings.openssl;
    const works = recommendedGroups(openssl);
    for (const d of named(model, 'ssl_ecdh_curve')) {
      const arg = d.args[0];
      if (!arg || arg.value === 'auto' || arg.value.includes('$')) continue;
      const base = arg.span.start + (arg.quoted ? 1 : 0);
      let at = 0;
      for (const group of arg.value.split(':')) {
        const start = base + at;
        at += group.length + 1;
        if (!group) continue;
        const v = groupKnown(group, openssl);
        if (v.ok) continue;
        ctx.report({
          span: { start, end: start + group.length },
          messageId: v.since ? 'later' : 'unknown',
          data: { group, openssl, since: v.since ?? '' },
          fix: { fixes: [{ title: `Use ${works} (loads with OpenSSL ${openssl})`, edits: [{ span: arg.span, newText: works }] }] },
        });
      }
    }
  },
};
