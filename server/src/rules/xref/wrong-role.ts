import type { Rule } from '../types';
import { label, resolved } from './helpers';
import { someOf } from '../../util/list';

export const rule: Rule = {
  meta: {
    id: 'xref/wrong-role',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate in the wrong role: one serving TLS whose EKU lacks serverAuth, a client certificate whose EKU lacks clientAuth, or a CA slot (clientCA, ca.crt, cacertFile, ssl_client_certificate, ssl_trusted_certificate) holding a certificate that is not a CA.',
    citation: 'RFC 5280 §4.2.1.12 (extended key usage) and §4.2.1.9 (basicConstraints); OpenChoreo external-CA guide (seed 002), Troubleshooting ("tls: bad certificate": serverAuth / clientAuth EKU)',
    messages: {
      serve: "The certificate '{{cert}}' that {{via}} serves has extended key usage {{eku}} without serverAuth: TLS clients reject it.",
      client: "The client certificate '{{cert}}' ({{via}}) has extended key usage {{eku}} without clientAuth: the server rejects it (\"tls: bad certificate\").",
      ca: "{{via}} should hold a CA, but '{{cert}}' is not one (no basicConstraints CA:TRUE): nothing it is asked to verify will verify.",
    },
  },
  check(ctx) {
    for (const { ref, res } of resolved(ctx)) {
      const c = res?.certs[0];
      if (!c) continue;
      const related = [{ path: c.path, span: c.span, message: `certificate '${label(c.cert)}'` }];
      const eku = c.cert.ext.extKeyUsage;
      const any = eku?.includes('anyExtendedKeyUsage');
      if (ref.role === 'serve' && eku && !any && !eku.includes('serverAuth')) ctx.report({ span: ref.span, messageId: 'serve', data: { cert: label(c.cert), via: ref.via, eku: someOf(eku) }, related });
      if (ref.role === 'client' && eku && !any && !eku.includes('clientAuth')) ctx.report({ span: ref.span, messageId: 'client', data: { cert: label(c.cert), via: ref.via, eku: someOf(eku) }, related });
      if (ref.role === 'ca' && !res!.certs.some((x) => x.cert.isCA || (x.cert.selfSigned && x.cert.version < 3))) ctx.report({ span: ref.span, messageId: 'ca', data: { cert: label(c.cert), via: ref.via }, related });
    }
  },
};
