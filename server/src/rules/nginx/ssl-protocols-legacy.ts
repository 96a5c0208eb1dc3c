import type { Rule } from '../types';
import { atLeast, named, nginxOf, profileOf, serverAnchor } from './helpers';

const LEGACY = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-protocols-legacy',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl_protocols` enabling SSLv2, SSLv3, TLSv1 or TLSv1.1 (or TLSv1.2 under the modern profile); before nginx 1.23.4 the default enables TLSv1 and TLSv1.1.',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate: TLSv1.2 TLSv1.3; modern: TLSv1.3); RFC 8996 (TLS 1.0/1.1 deprecated); SSL Labs: TLS 1.0/1.1 caps at B',
    messages: {
      legacy: '{{protocol}} is obsolete (RFC 8996) and caps the SSL Labs grade at B; use {{recommended}}.',
      modern: 'TLSv1.2 is not part of the modern profile (TLS 1.3 only); use {{recommended}} or set tlsLens.nginx.profile to intermediate.',
      defaults: 'No ssl_protocols here: nginx {{version}} enables TLSv1 and TLSv1.1 by default (before 1.23.4); set ssl_protocols {{recommended}}.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const p = profileOf(model);
    const recommended = p.protocols.join(' ');
    for (const d of named(model, 'ssl_protocols')) {
      if (d.args.length === 0) continue;
      const fix = { fixes: [{ title: `Set ssl_protocols to ${recommended}`, edits: [{ span: { start: d.args[0].span.start, end: d.args[d.args.length - 1].span.end }, newText: recommended }] }] };
      for (const a of d.args) {
        if (LEGACY.has(a.value)) ctx.report({ span: a.span, messageId: 'legacy', data: { protocol: a.value, recommended }, fix });
        else if (a.value === 'TLSv1.2' && model.settings.profile === 'modern') ctx.report({ span: a.span, messageId: 'modern', data: { recommended }, fix });
      }
    }
    if (!atLeast(model, '1.23.4')) {
      for (const s of model.servers) {
        if (!s.tls || s.get('ssl_protocols').length > 0 || (!model.httpVisible && model.rootContext !== 'main')) continue;
        ctx.report({ span: serverAnchor(s).span, messageId: 'defaults', data: { version: model.settings.version, recommended } });
      }
    }
  },
};
