import type { Rule } from '../types';
import { commonName } from '../../x509/certificate';
import { label, reportedOnCertificate, resolved, usedHere } from './helpers';

/**
 * A client certificate against the subject CN its reference requires (`Reference.subjectCN`, which
 * a product states with its wording): today OpenChoreo's agents, whose CN is their planeID.
 */
export const rule: Rule = {
  meta: {
    id: 'xref/planeid-cn',
    appliesTo: 'any',
    severity: 'error',
    description: "An OpenChoreo agent client certificate whose CN differs from its plane's planeID: the gateway finds no plane CR for it. Reported on the certificate, with the planeID it should carry.",
    citation: 'OpenChoreo external-CA guide, Step 3 ("The Common Name (CN) must match the planeID") and Troubleshooting ("no CRs found with planeID")',
    messages: { mismatch: "The {{holder}} '{{cert}}' has CN '{{cn}}' but its {{what}} is '{{expected}}': {{effect}}." },
  },
  check(ctx) {
    // The certificate's side: a client certificate held here that a reference requires a CN of.
    for (const u of usedHere(ctx)) {
      const want = u.ref.subjectCN;
      const leaf = u.res.certs[0];
      if (!want || !leaf) continue;
      const cn = commonName(leaf.cert) ?? '';
      if (cn !== want.value) {
        ctx.report({
          span: u.span, messageId: 'mismatch',
          data: { holder: want.holder, cert: label(leaf.cert), cn, what: want.what, expected: want.value, effect: want.effect },
          related: [{ path: u.from, span: want.span, message: `${want.what} '${want.value}'` }],
        });
      }
    }
    // A certificate TLS Lens reads but does not report on (outside the workspace): on the required name.
    for (const { ref, res } of resolved(ctx)) {
      const want = ref.subjectCN;
      if (ref.role !== 'client' || !want || !res || reportedOnCertificate(res, ctx, ref)) continue;
      const c = res.certs[0];
      if (!c) continue;
      const cn = commonName(c.cert) ?? '';
      if (cn !== want.value) {
        ctx.report({
          span: want.span, messageId: 'mismatch',
          data: { holder: want.holder, cert: label(c.cert), cn, what: want.what, expected: want.value, effect: want.effect },
          related: [{ path: c.path, span: c.span, message: `client certificate, CN '${cn}'` }],
        });
      }
    }
  },
};
