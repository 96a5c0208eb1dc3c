import type { Rule, RuleContext } from '../types';
import { isSignedBy } from '../../x509/certificate';
import { certificates, certificatesToCheck, CheckedCertificate, checkedLabel, certLabel } from './helpers';

/** A certificate of a keystore, in each JKS key entry's chain that holds it: is the next one its issuer? */
function storeChains(ctx: RuleContext, entry: CheckedCertificate): void {
  const k = entry.keystore;
  const c = entry.item.cert;
  if (!k || c.selfIssued) return;
  for (const chain of k.chains) {
    const at = chain.indexOf(k.index);
    if (at < 0 || at === chain.length - 1) continue;
    const next = k.certs[chain[at + 1]];
    if (isSignedBy(c, next)) continue;
    const data = { name: checkedLabel(entry), next: certLabel(next), issuer: c.issuer.text };
    const later = chain.slice(at + 2).findIndex((i) => isSignedBy(c, k.certs[i]));
    if (later >= 0) ctx.report({ span: entry.span, messageId: 'storeElsewhere', data: { ...data, position: at + 3 + later } });
    else ctx.report({ span: entry.span, messageId: 'storeNotNext', data });
  }
}

export const rule: Rule = {
  meta: {
    id: 'pem/bundle-order',
    appliesTo: 'any',
    severity: 'warning',
    description: 'In a bundle, a certificate that is not issued by the certificate right after it (servers send the chain in file order); in a JKS key entry\'s chain, the same (Java presents the chain in the entry\'s order; PKCS#12 stores have no order).',
    citation: 'RFC 8446 §4.4.2 (each certificate certifies the one before it); nginx ssl_certificate docs (server certificate first, then intermediates)',
    messages: {
      notNext: "Certificate '{{name}}' is not issued by the next certificate '{{next}}' (its issuer is {{issuer}}).",
      elsewhere: "Certificate '{{name}}' is not issued by the next certificate '{{next}}'; its issuer is block {{position}} of this file: move that block right after this one.",
      storeNotNext: "Certificate '{{name}}' is not issued by the next certificate of its key entry's chain, '{{next}}' (its issuer is {{issuer}}).",
      storeElsewhere: "Certificate '{{name}}' is not issued by the next certificate of its key entry's chain, '{{next}}'; its issuer is certificate {{position}} of that chain: rebuild the entry with the chain in order (keytool -importkeystore from a PKCS#12 does).",
    },
  },
  check(ctx) {
    for (const entry of certificatesToCheck(ctx)) {
      if (entry.keystore) {
        storeChains(ctx, entry);
        continue;
      }
      const { item, index, bundle, span } = entry;
      const rel = bundle.certRelations.get(index);
      // Self-issued roots end a chain; a trust store is a list of them and has no order.
      if (!rel?.next || rel.signedByNext || item.cert.selfIssued) continue;
      const data = { name: certLabel(item.cert), next: certLabel(rel.next), issuer: item.cert.issuer.text };
      if (rel.issuerElsewhere !== undefined) {
        ctx.report({
          span, messageId: 'elsewhere',
          data: { ...data, position: certificates(bundle.items).findIndex((c) => c.index === rel.issuerElsewhere) + 1 },
        });
      } else {
        ctx.report({ span, messageId: 'notNext', data });
      }
    }
  },
};
