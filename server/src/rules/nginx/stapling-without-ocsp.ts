import { isLetsEncryptPath } from '../../nginx/tls';
import { servedReferences } from '../../workspace/serverCertificates';
import { certLabel } from '../pem/helpers';
import type { Rule } from '../types';
import { named, nginxOf, serversUsing } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/stapling-without-ocsp',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_stapling on` for a certificate with no OCSP responder URL (Authority Information Access): nginx has nothing to staple. Let\'s Encrypt ended OCSP in 2025 (no OCSP URL in its certificates from 7 May 2025, responders off on 6 August 2025), so its certificates carry none: when the certificate is not in the workspace but its path is certbot\'s (`/etc/letsencrypt/live/…`), that is said from the path. Not reported with `ssl_stapling_file` or `ssl_stapling_responder`, or when the certificate is neither in the workspace nor at a Let\'s Encrypt path.',
    citation: 'nginx ngx_http_ssl_module, ssl_stapling ("the OCSP responder URL from the certificate"); RFC 5280 §4.2.2.1 (Authority Information Access); Let\'s Encrypt, "Ending OCSP Support in 2025" (5 December 2024, https://abetterinternet.net/post/ending-ocsp) and "Intent to End OCSP Service" (https://letsencrypt.org/2024/07/23/replacing-ocsp-with-crls.html)',
    messages: {
      noUrl: "ssl_stapling is on, but the certificate '{{cert}}' ({{via}}) names no OCSP responder: nginx has nothing to staple for it (stapling does nothing; Let's Encrypt certificates carry no OCSP URL since 2025).",
      letsEncrypt: "ssl_stapling is on, but '{{path}}' ({{via}}) is a Let's Encrypt certificate by its path: Let's Encrypt ended OCSP in 2025 and its certificates name no OCSP responder, so nginx staples nothing.",
    },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const ws = ctx.workspace;
    for (const d of named(model, 'ssl_stapling')) {
      if (d.args[0]?.value !== 'on') continue;
      const seen = new Set<string>();
      for (const s of serversUsing(model, d)) {
        if (!s.tls || s.get('ssl_stapling_file').length > 0 || s.get('ssl_stapling_responder').length > 0) continue;
        for (const { ref, leaf } of servedReferences(ctx.model, s, ctx.path, ws)) {
          if (!leaf) {
            if (ref.kind !== 'file' || !isLetsEncryptPath(ref.target) || seen.has(ref.target)) continue;
            seen.add(ref.target);
            ctx.report({ span: d.span, messageId: 'letsEncrypt', data: { path: ref.target, via: ref.via } });
            continue;
          }
          if (leaf.cert.ext.ocspUrls?.length || seen.has(leaf.cert.sha256)) continue;
          seen.add(leaf.cert.sha256);
          ctx.report({
            span: d.span, messageId: 'noUrl', data: { cert: certLabel(leaf.cert), via: ref.via },
            related: [{
              path: leaf.path, span: leaf.span,
              message: `certificate '${certLabel(leaf.cert)}': no OCSP URL in Authority Information Access`,
            }],
          });
        }
      }
    }
  },
};
