import type { Rule } from '../types';
import { commonName } from '../../x509/certificate';
import { label, reportedOnCertificate, resolved } from './helpers';
import { agentsHere } from '../openchoreo/helpers';

export const rule: Rule = {
  meta: {
    id: 'xref/planeid-cn',
    appliesTo: 'any',
    severity: 'error',
    description: "An OpenChoreo agent client certificate whose CN differs from its plane's planeID: the gateway finds no plane CR for it. Reported on the certificate, with the planeID it should carry.",
    citation: 'OpenChoreo external-CA guide, Step 3 ("The Common Name (CN) must match the planeID") and Troubleshooting ("no CRs found with planeID")',
    messages: { mismatch: "The agent's client certificate '{{cert}}' has CN '{{cn}}' but its planeID is '{{planeID}}': the gateway will not match it to a plane CR." },
  },
  check(ctx) {
    // The certificate's side: an agent's certificate held here.
    for (const a of agentsHere(ctx)) {
      const planeID = a.agent.planeID;
      const cn = commonName(a.leaf.cert) ?? '';
      if (planeID && cn !== planeID.value) ctx.report({ span: a.span, messageId: 'mismatch', data: { cert: label(a.leaf.cert), cn, planeID: planeID.value }, related: [{ path: a.from, span: planeID.span, message: `planeID '${planeID.value}'` }] });
    }
    // A certificate TLS Lens reads but does not report on (outside the workspace): on the planeID.
    for (const { ref, res } of resolved(ctx)) {
      if (ref.role !== 'client' || !ref.planeID || !res || reportedOnCertificate(res, ctx, ref)) continue;
      const c = res.certs[0];
      if (!c) continue;
      const cn = commonName(c.cert) ?? '';
      if (cn !== ref.planeID.value) ctx.report({ span: ref.planeID.span, messageId: 'mismatch', data: { cert: label(c.cert), cn, planeID: ref.planeID.value }, related: [{ path: c.path, span: c.span, message: `client certificate, CN '${cn}'` }] });
    }
  },
};
