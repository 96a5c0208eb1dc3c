import type { GenerateFix, Rule } from '../types';
import type { CertificateFacts } from '../../x509/certificate';
import { refsOf } from '../../products/refs';
import { sameKey } from '../../x509/key';
import { label, resolved } from './helpers';

/** A new key pair: the certificate re-issued (same names and usages) for a new key written where the wrong key is. */
function newPair(cert: CertificateFacts, path: string, offset: number, keyPath: string, keyOffset: number): GenerateFix {
  return {
    action: 'reissue', title: `Generate a new key pair: re-issue '${label(cert)}' for a new key, written in place of this one`,
    path, offset, keyAt: { path: keyPath, offset: keyOffset },
  };
}

export const rule: Rule = {
  meta: {
    id: 'xref/key-mismatch',
    appliesTo: 'any',
    severity: 'error',
    description: 'A private key that does not belong to its certificate: a Secret\'s tls.key vs tls.crt, nginx ssl_certificate_key vs ssl_certificate, a Go service\'s keyFile vs certFile.',
    citation: 'RFC 5280 §4.1.2.7 (subjectPublicKeyInfo); nginx: "key values mismatch"; Kubernetes kubernetes.io/tls Secrets',
    messages: { mismatch: "This key does not match the certificate '{{cert}}' ({{where}}): the server fails at start-up with \"key values mismatch\"." },
  },
  check(ctx) {
    // Secrets defined here: tls.key against tls.crt.
    for (const o of refsOf(ctx.model).objects) {
      const crt = o.entries.get('tls.crt')?.pem.items.find((i) => i.kind === 'certificate');
      const keyEntry = o.entries.get('tls.key');
      const key = keyEntry?.pem.items.find((i) => i.kind === 'privateKey');
      if (!crt || crt.kind !== 'certificate' || !key || key.kind !== 'privateKey' || key.key.encrypted || !keyEntry) continue;
      const crtEntry = o.entries.get('tls.crt')!;
      if (!sameKey(crt.cert.publicKey.spki, key.key.publicSpki)) {
        ctx.report({
          span: keyEntry.span, messageId: 'mismatch', data: { cert: label(crt.cert), where: `tls.crt of Secret ${o.name}` },
          fix: { generate: newPair(crt.cert, ctx.path, crtEntry.span.start, ctx.path, keyEntry.span.start) },
        });
      }
    }
    // Referenced files: certificate and key of the same server or profile.
    const all = resolved(ctx);
    for (const { ref, res } of all) {
      if ((ref.role !== 'serve-key' && ref.role !== 'client-key') || !res?.keys.length) continue;
      const certRole = ref.role === 'serve-key' ? 'serve' : 'client';
      const partner = all.find((x) => x.ref.group === ref.group && x.ref.role === certRole && x.res?.certs.length);
      const leaf = partner?.res?.certs[0];
      if (!leaf) continue;
      if (!res.keys.some((k) => sameKey(leaf.cert.publicKey.spki, k.key.publicSpki))) {
        const key = res.keys[0];
        const fix = ctx.workspace?.isDocument(leaf.path) && ctx.workspace.isDocument(key.path)
          ? { fix: { generate: newPair(leaf.cert, leaf.path, leaf.span.start, key.path, key.span.start) } }
          : {};
        ctx.report({
          span: ref.span, messageId: 'mismatch', data: { cert: label(leaf.cert), where: partner!.ref.via },
          related: [{ path: leaf.path, span: leaf.span, message: `certificate '${label(leaf.cert)}'` }], ...fix,
        });
      }
    }
  },
};
