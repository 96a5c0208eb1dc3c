import { groupKnown, recommendedGroups, TOLERANT_PREFIX_SINCE } from '../../nginx/groups';
import { compareVersions } from '../../util/version';
import type { Rule } from '../types';
import { named, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/ecdh-curve-unknown',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A group in `ssl_ecdh_curve` that the OpenSSL nginx links does not know (`tlsLens.nginx.openssl`, default 3.0): OpenSSL rejects the whole list and nginx refuses to start. Post-quantum `X25519MLKEM768` needs OpenSSL 3.5; BoringSSL and OQS names such as `X25519Kyber768Draft00` are unknown to OpenSSL. From OpenSSL 3.3 a `?` before a group skips it when it is not implemented: such a group is no error (at most information, when no OpenSSL version knows it); before 3.3 the `?` itself is unknown and the list is rejected (nginx -t with OpenSSL 3.0 fails).',
    citation: 'nginx ngx_http_ssl_module, ssl_ecdh_curve; OpenSSL SSL_CTX_set1_groups_list (3.0 capabilities, 3.3 the `?` prefix, 3.5 ML-KEM groups)',
    messages: {
      later: 'OpenSSL {{openssl}} does not know the group "{{group}}" (it needs OpenSSL {{since}}): the whole ssl_ecdh_curve list is rejected and nginx refuses to start.',
      unknown: 'OpenSSL knows no group "{{group}}": the whole ssl_ecdh_curve list is rejected and nginx refuses to start.',
      prefix: 'OpenSSL {{openssl}} does not know the "?" prefix of "{{group}}" (it needs OpenSSL {{since}}): the whole ssl_ecdh_curve list is rejected and nginx refuses to start.',
      skipped: 'OpenSSL knows no group "{{group}}": the "?" makes OpenSSL skip it, so it is never used unless a provider supplies it.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const openssl = model.settings.openssl;
    const tolerant = compareVersions(openssl, TOLERANT_PREFIX_SINCE) >= 0;
    const works = recommendedGroups(openssl);
    for (const d of named(model, 'ssl_ecdh_curve')) {
      const arg = d.args[0];
      if (!arg || arg.value === 'auto' || arg.value.includes('$')) continue;
      const base = arg.span.start + (arg.quoted ? 1 : 0);
      const fix = { fixes: [{ title: `Use ${works} (loads with OpenSSL ${openssl})`, edits: [{ span: arg.span, newText: works }] }] };
      let at = 0;
      for (const group of arg.value.split(':')) {
        const start = base + at;
        at += group.length + 1;
        if (!group) continue;
        const span = { start, end: start + group.length };
        if (group.startsWith('?')) {
          if (!tolerant) {
            ctx.report({ span, messageId: 'prefix', data: { group, openssl, since: TOLERANT_PREFIX_SINCE }, fix });
            continue;
          }
          const name = group.slice(1);
          const v = groupKnown(name, openssl);
          // Known here, or known to a later OpenSSL: the `?` does what it is for.
          if (v.ok || v.since) continue;
          ctx.report({ span, messageId: 'skipped', severity: 'information', data: { group: name } });
          continue;
        }
        const v = groupKnown(group, openssl);
        if (v.ok) continue;
        ctx.report({ span, messageId: v.since ? 'later' : 'unknown', data: { group, openssl, since: v.since ?? '' }, fix });
      }
    }
  },
};
