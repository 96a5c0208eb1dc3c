import { serverCertificates } from '../../workspace/serverCertificates';
import { certLabel } from '../pem/helpers';
import type { Rule } from '../types';
import { named, nginxOf, serversUsing } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/stapling-without-ocsp',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_stapling on` for a certificate with no OCSP responder URL (Authority Information Access): nginx has nothing to staple. Let\'s Encrypt ended OCSP in 2025, so its certificates carry none. Not reported with `ssl_stapling_file` or `ssl_stapling_responder`, or when the certificate is not in the workspace.',
    citation: 'nginx ngx_http_ssl_module, ssl_stapling ("the OCSP responder URL from the certificate"); RFC 5280 §4.2.2.1 (Authority Information Access); Let\'s Encrypt, "Ending OCSP Support in 2025"',
    messages: { noUrl: "ssl_stapling is on, but the certificate '{{cert}}' ({{via}}) names no OCSP responder: nginx has nothing to staple for it (stapling does nothing; Let's Encrypt certificates carry no OCSP URL since 2025)." },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    const ws = ctx.workspace;
    if (!model || !ws) return;
    for (const d of named(model, 'ssl_stapling')) {
      if (d.args[0]?.value !== 'on') continue;
      const seen = new Set<string>();
      for (const s of serversUsing(model, d)) {
        if (!s.tls || s.get('ssl_stapling_file').length > 0 || s.get('ssl_stapling_responder').length > 0) continue;
        for (const leaf of serverCertificates(ctx.model, s, ctx.path, ws)) {
          const ref = leaf.ref;
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
