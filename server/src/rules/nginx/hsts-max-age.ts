import type { Rule } from '../types';
import { hstsOfMoreSetHeaders, named, isHsts, nginxOf, profileOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/hsts-max-age',
    appliesTo: 'nginx',
    severity: 'warning',
    description: 'A Strict-Transport-Security max-age written in `add_header` or `more_set_headers` below the profile\'s 63072000 seconds (two years). A warning on principle: TLS Lens checks against Mozilla Server Side TLS 6.0, which asks two years, so one year is reported though Gixy accepts six months and SSL Labs 180 days. ngx_security_headers\' fixed one-year header is not reported: the module has no setting for it.',
    citation: 'Mozilla Server Side TLS 6.0 (hsts_min_age 63072000); RFC 6797 §6.1.1',
    messages: { short: 'HSTS max-age={{age}} is below {{min}} seconds (two years), the {{profile}} profile\'s minimum.' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const min = profileOf(model).hstsMinAge;
    const values = [
      ...named(model, 'add_header').filter(isHsts).flatMap((d) => (
        d.args[1] ? [{ value: d.args[1].value, start: d.args[1].span.start + (d.args[1].quoted ? 1 : 0) }] : []
      )),
      ...named(model, 'more_set_headers').flatMap((d) => { const h = hstsOfMoreSetHeaders(d); return h ? [{ value: h.value, start: h.valueStart }] : []; }),
    ];
    for (const v of values) {
      const m = /max-age\s*=\s*"?(\d+)/i.exec(v.value);
      if (!m || Number(m[1]) >= min) continue;
      const at = v.start + m.index + m[0].length - m[1].length;
      const span = { start: at, end: at + m[1].length };
      ctx.report({
        span, messageId: 'short', data: { age: m[1], min, profile: model.settings.profile },
        fix: { fixes: [{ title: `Set max-age to ${min}`, edits: [{ span, newText: String(min) }] }] },
      });
    }
  },
};
