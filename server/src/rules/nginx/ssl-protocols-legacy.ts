import type { Rule } from '../types';
import { configuredProtocols, effectiveProtocols } from '../../nginx/tls';
import { named, nginxOf, profileOf, serverAnchor } from './helpers';

/** Each legacy protocol with the message that gives its own standard and SSL Labs cap. */
const LEGACY: Readonly<Record<string, string>> = { SSLv2: 'sslv2', SSLv3: 'sslv3', TLSv1: 'tls10', 'TLSv1.1': 'tls11' };

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-protocols-legacy',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl_protocols` enabling SSLv2, SSLv3, TLSv1 or TLSv1.1 (or TLSv1.2 under the modern profile); without `ssl_protocols`, a server whose default still offers TLSv1 and TLSv1.1 (nginx before 1.27.3 with an OpenSSL that negotiates them: before 3.0, or `@SECLEVEL=0`).',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate: TLSv1.2 TLSv1.3; modern: TLSv1.3); RFC 6176 (SSL 2.0 prohibited); RFC 7568 (SSL 3.0 deprecated); RFC 8996 (TLS 1.0 and 1.1 deprecated); SSL Labs grading: SSL 2 → F, SSL 3 → B (C with CBC suites, POODLE), TLS 1.0/1.1 → B; nginx CHANGES 1.23.4 and 1.27.3 (default protocols); OpenSSL 3.0 CHANGES (TLS 1.0/1.1 need security level 0)',
    messages: {
      sslv2: 'SSLv2 is prohibited (RFC 6176) and SSL Labs grades a server that offers it F; use {{recommended}}.',
      sslv3: 'SSLv3 is deprecated (RFC 7568: it must not be used) and caps the SSL Labs grade at B, at C with CBC suites (POODLE); use {{recommended}}.',
      tls10: 'TLSv1 (TLS 1.0) is deprecated (RFC 8996) and caps the SSL Labs grade at B; use {{recommended}}.',
      tls11: 'TLSv1.1 is deprecated (RFC 8996) and caps the SSL Labs grade at B; use {{recommended}}.',
      modern: 'TLSv1.2 is not part of the modern profile (TLS 1.3 only); use {{recommended}} or set tlsLens.nginx.profile to intermediate.',
      defaults: 'No ssl_protocols here: nginx {{version}} enables TLSv1 and TLSv1.1 by default (until 1.27.3), and OpenSSL {{openssl}} negotiates them{{seclevel}} (deprecated, RFC 8996; SSL Labs caps at B); set ssl_protocols {{recommended}}.',
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
      const fix = {
        fixes: [{
          title: `Set ssl_protocols to ${recommended}`,
          edits: [{ span: { start: d.args[0].span.start, end: d.args[d.args.length - 1].span.end }, newText: recommended }],
        }],
      };
      for (const a of d.args) {
        const messageId = LEGACY[a.value];
        if (messageId) ctx.report({ span: a.span, messageId, data: { recommended }, fix });
        else if (a.value === 'TLSv1.2' && model.settings.profile === 'modern') ctx.report({ span: a.span, messageId: 'modern', data: { recommended }, fix });
      }
    }
    for (const s of model.servers) {
      if (!s.tls || (!model.httpVisible && model.rootContext !== 'main') || !configuredProtocols(s, model).byDefault) continue;
      if (!effectiveProtocols(s, model).some((x) => x === 'TLSv1' || x === 'TLSv1.1')) continue;
      const seclevel = /@SECLEVEL=0/i.test(s.get('ssl_ciphers').at(-1)?.args[0]?.value ?? '') ? ' (ssl_ciphers sets @SECLEVEL=0)' : '';
      ctx.report({
        span: serverAnchor(s).span, messageId: 'defaults',
        data: { version: model.settings.version, openssl: model.settings.openssl, seclevel, recommended },
      });
    }
  },
};
