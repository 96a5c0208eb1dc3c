import type { Rule } from '../types';
import { isSignedBy } from '../../x509/certificate';
import { certificatesToCheck, checkedLabel, certLabel } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'pem/ca-constraints',
    appliesTo: 'any',
    severity: 'warning',
    description: 'A CA certificate (it signs another certificate beside it, in the file or keystore, or says CA:TRUE) without basicConstraints CA:TRUE or without the keyCertSign key usage.',
    citation: 'RFC 5280 §4.2.1.9 (basicConstraints) and §4.2.1.3 (keyUsage: keyCertSign)',
    messages: {
      notCa: "Certificate '{{name}}' issues '{{child}}' but lacks basicConstraints CA:TRUE; verifiers will not accept it as an issuer.",
      noKeyCertSign: "CA certificate '{{name}}' has a keyUsage without keyCertSign; verifiers will not accept the certificates it signs.",
      selfSignedNoCa: "Self-signed certificate '{{name}}' asserts keyCertSign but not basicConstraints CA:TRUE.",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      const { item, span } = entry;
      const c = item.cert;
      const name = checkedLabel(entry);
      if (!c.isCA) {
        // What it issued beside it: in its PEM text (the relations of its bundle), or in its keystore.
        // A self-issued leaf verifies with its own key, so only other certificates count.
        let child: string | undefined;
        if (entry.keystore) {
          const k = entry.keystore;
          const issued = k.certs.find((other, i) => i !== k.index && isSignedBy(other, c));
          child = issued && certLabel(issued);
        } else {
          const i = entry.bundle.certRelations.get(entry.index)?.issued.find((x) => x !== entry.index);
          const it = i === undefined ? undefined : entry.bundle.items[i];
          child = it?.kind === 'certificate' ? certLabel(it.cert) : undefined;
        }
        if (child !== undefined) ctx.report({ span, messageId: 'notCa', data: { name, child } });
        else if (c.selfSigned && c.ext.keyUsage?.includes('keyCertSign') && c.version === 3) {
          ctx.report({ span, messageId: 'selfSignedNoCa', data: { name } });
        }
        continue;
      }
      if (c.ext.keyUsage && !c.ext.keyUsage.includes('keyCertSign')) {
        ctx.report({ span, messageId: 'noKeyCertSign', data: { name } });
      }
    }
  },
};
