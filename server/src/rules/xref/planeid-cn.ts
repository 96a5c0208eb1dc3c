import type { Rule } from '../types';
import { commonName } from '../../x509/certificate';
import { label, resolved } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'xref/planeid-cn',
    appliesTo: 'any',
    severity: 'error',
    description: 'An OpenChoreo agent client certificate whose CN differs from its plane\'s planeID: the gateway finds no plane CR for it.',
    citation: 'OpenChoreo external-CA guide (seed 002), Step 3 ("The Common Name (CN) must match the planeID") and Troubleshooting ("no CRs found with planeID")',
    messages: { mismatch: "The agent's client certificate '{{cert}}' has CN '{{cn}}' but planeID is '{{planeID}}': the gateway will not match it to a plane CR." },
  },
  check(ctx) {
    for (const { ref, res } of resolved(ctx)) {
      if (ref.role !== 'client' || !ref.planeID) continue;
      const c = res?.certs[0];
      if (!c) continue;
      const cn = commonName(c.cert) ?? '';
      if (cn !== ref.planeID.value) ctx.report({ span: ref.planeID.span, messageId: 'mismatch', data: { cert: label(c.cert), cn, planeID: ref.planeID.value }, related: [{ path: c.path, span: c.span, message: `client certificate, CN '${cn}'` }] });
    }
  },
};
