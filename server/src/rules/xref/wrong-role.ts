import type { GenerateFix, Rule, RuleContext } from '../types';
import type { Reference } from '../../model/refs';
import type { Resolution } from '../../workspace/view';
import type { Span } from '../../core/types';
import { label, reportedOnCertificate, resolved, usedHere } from './helpers';
import { someOf } from '../../util/list';

/** The role problem of a certificate used by a reference, if any. */
function problem(ref: Reference, res: Resolution): { messageId: string; data: Record<string, string> } | undefined {
  const c = res.certs[0];
  if (!c) return undefined;
  const eku = c.cert.ext.extKeyUsage;
  const any = eku?.includes('anyExtendedKeyUsage');
  if (ref.role === 'serve' && eku && !any && !eku.includes('serverAuth')) {
    return { messageId: 'serve', data: { cert: label(c.cert), via: ref.via, eku: someOf(eku) } };
  }
  if (ref.role === 'client' && eku && !any && !eku.includes('clientAuth')) {
    return { messageId: 'client', data: { cert: label(c.cert), via: ref.via, eku: someOf(eku) } };
  }
  if (ref.role === 'ca' && !res.certs.some((x) => x.cert.isCA || (x.cert.selfSigned && x.cert.version < 3))) {
    return { messageId: 'ca', data: { cert: label(c.cert), via: ref.via } };
  }
  return undefined;
}

/** Re-issue with the usage the reference needs (a leaf only: a CA slot needs a different certificate). */
function reissue(ctx: RuleContext, ref: Reference, res: Resolution, messageId: string): GenerateFix | undefined {
  const c = res.certs[0];
  if (messageId === 'ca' || !ctx.workspace?.isDocument(c.path)) return undefined;
  const eku = c.cert.ext.extKeyUsage ?? [];
  const role = ref.role === 'serve' ? (eku.includes('clientAuth') ? 'peer' : 'server') : (eku.includes('serverAuth') ? 'peer' : 'client');
  return {
    action: 'reissue',
    title: `Re-issue '${label(c.cert)}' with ${role === 'peer' ? 'serverAuth and clientAuth' : role === 'server' ? 'serverAuth' : 'clientAuth'}`,
    path: c.path, offset: c.span.start, role,
  };
}

function report(
  ctx: RuleContext, span: Span, p: { messageId: string; data: Record<string, string> },
  related: { path: string; span: Span; message: string }, generate?: GenerateFix,
) {
  ctx.report({ span, messageId: p.messageId, data: p.data, related: [related], ...(generate ? { fix: { generate } } : {}) });
}

export const rule: Rule = {
  meta: {
    id: 'xref/wrong-role',
    appliesTo: 'any',
    severity: 'error',
    description: 'A certificate in the wrong role: one serving TLS whose EKU lacks serverAuth, a client certificate whose EKU lacks clientAuth, or a CA slot (clientCA, ca.crt, cacertFile, ssl_client_certificate, ssl_trusted_certificate) holding a certificate that is not a CA. Reported on the certificate, with the configuration that uses it.',
    citation: 'RFC 5280 §4.2.1.12 (extended key usage) and §4.2.1.9 (basicConstraints); OpenChoreo external-CA guide, Troubleshooting ("tls: bad certificate": serverAuth / clientAuth EKU)',
    messages: {
      serve: "The certificate '{{cert}}' that {{via}} serves has extended key usage {{eku}} without serverAuth: TLS clients reject it.",
      client: "The client certificate '{{cert}}' ({{via}}) has extended key usage {{eku}} without clientAuth: the server rejects it (\"tls: bad certificate\").",
      ca: "{{via}} should hold a CA, but '{{cert}}' is not one (no basicConstraints CA:TRUE): nothing it is asked to verify will verify.",
    },
  },
  check(ctx) {
    // The configuration's side: certificates that live nowhere TLS Lens reports on (inline, a keystore, outside the workspace).
    for (const { ref, res } of resolved(ctx)) {
      if (!res || reportedOnCertificate(res, ctx, ref)) continue;
      const p = problem(ref, res);
      if (p) {
        report(
          ctx, ref.span, p, { path: res.certs[0].path, span: res.certs[0].span, message: `certificate '${label(res.certs[0].cert)}'` },
          reissue(ctx, ref, res, p.messageId),
        );
      }
    }
    // The certificate's side: what this document holds, as every reference of the workspace uses it.
    for (const u of usedHere(ctx)) {
      if (!reportedOnCertificate(u.res, ctx, u.ref)) continue;
      const p = problem(u.ref, u.res);
      if (p) {
        report(
          ctx, u.res.certs[0].path === ctx.path ? u.res.certs[0].span : u.span, p,
          {
            path: u.from, span: u.ref.span,
            message: `used as ${u.ref.role === 'ca' ? 'a CA' : `a ${u.ref.role === 'serve' ? 'server' : 'client'} certificate`} by ${u.ref.via}`,
          },
          reissue(ctx, u.ref, u.res, p.messageId),
        );
      }
    }
  },
};
