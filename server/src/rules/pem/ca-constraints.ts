import type { Rule } from '../types';
import { certLabel, documentCertificates } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/ca-constraints',
    appliesTo: 'any',
    severity: 'warning',
    description: 'A CA certificate (it signs another certificate here, or says CA:TRUE) without basicConstraints CA:TRUE or without the keyCertSign key usage.',
    citation: 'RFC 5280 §4.2.1.9 (basicConstraints) and §4.2.1.3 (keyUsage: keyCertSign)',
    messages: {
      notCa: "Certificate '{{name}}' issues '{{child}}' but lacks basicConstraints CA:TRUE; verifiers will not accept it as an issuer.",
      noKeyCertSign: "CA certificate '{{name}}' has a keyUsage without keyCertSign; verifiers will not accept the certificates it signs.",
      selfSignedNoCa: "Self-signed certificate '{{name}}' asserts keyCertSign but not basicConstraints CA:TRUE.",
    },
  },
  check(ctx) {
    for (const { item, index, bundle, span } of documentCertificates(ctx.model)) {
      const items = bundle.items;
      const c = item.cert;
      const rel = bundle.certRelations.get(index);
      const issued = rel?.issued ?? [];
      const childOf = (i: number) => { const it = items[i]; return it.kind === 'certificate' ? certLabel(it.cert) : ''; };
      if (!c.isCA) {
        // A self-issued leaf verifies with its own key, so "issued" only counts other certificates.
        const child = issued.find((i) => i !== index);
        if (child !== undefined) ctx.report({ span, messageId: 'notCa', data: { name: certLabel(c), child: childOf(child) } });
        else if (c.selfSigned && c.ext.keyUsage?.includes('keyCertSign') && c.version === 3) {
          ctx.report({ span, messageId: 'selfSignedNoCa', data: { name: certLabel(c) } });
        }
        continue;
      }
      if (c.ext.keyUsage && !c.ext.keyUsage.includes('keyCertSign')) {
        ctx.report({ span, messageId: 'noKeyCertSign', data: { name: certLabel(c) } });
      }
    }
  },
};
