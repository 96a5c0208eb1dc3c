import type { PemItem } from '../../model/pem';
import type { CertificateFacts } from '../../x509/certificate';
import { commonName } from '../../x509/certificate';
import { documentCertificates, DocumentCertificate } from '../../products/holdings';
import { refsOf } from '../../products/refs';
import type { Span } from '../../core/types';
import type { GenerateFix, RuleContext } from '../types';
export { documentCertificates } from '../../products/holdings';
export type { CertItem } from '../../products/holdings';

/** A certificate a per-certificate rule checks, and where the finding goes. */
export type CheckedCertificate =
  | (DocumentCertificate & { readonly keystore?: undefined })
  | {
    readonly item: { readonly cert: CertificateFacts; readonly block?: undefined };
    readonly span: Span;
    /**
     * A certificate inside a keystore the document references: reported on the reference. With
     * the store's other certificates (`index` is this one's) and its chains (JKS key entries).
     */
    readonly keystore: {
      readonly file: string;
      readonly via: string;
      readonly certs: readonly CertificateFacts[];
      readonly index: number;
      readonly chains: readonly (readonly number[])[];
    };
    readonly bundle?: undefined;
    readonly secret?: undefined;
  };

/**
 * Every certificate of the document (documentCertificates: PEM blocks and Secret data), and the
 * certificates of the keystores it references (Spinnaker's key-store and trust-store), read by
 * the workspace index with their passwords and reported on the reference.
 */
export function certificatesToCheck(ctx: RuleContext): CheckedCertificate[] {
  const out: CheckedCertificate[] = [...documentCertificates(ctx.model)];
  const ws = ctx.workspace;
  if (!ws) return out;
  for (const ref of refsOf(ctx.model).references) {
    if (!ref.store) continue;
    const res = ws.resolve(ref, ctx.path);
    const certs = (res?.certs ?? []).map((c) => c.cert);
    (res?.certs ?? []).forEach((c, index) => out.push({
      item: { cert: c.cert }, span: ref.span, keystore: { file: c.path, via: ref.via, certs, index, chains: res?.keystore?.chains ?? [] },
    }));
  }
  return out;
}

/** The name for messages, with the keystore a certificate sits in. */
export function checkedLabel(c: CheckedCertificate): string {
  const name = certLabel(c.item.cert);
  return c.keystore ? `${name}' in keystore '${c.keystore.file.split(/[\\/]/).pop()}` : name;
}

/** The certificate items of one PEM text, with their indexes (for relations within that text). */
export function certificates(items: readonly PemItem[]): { item: Extract<PemItem, { kind: 'certificate' }>; index: number }[] {
  const out: { item: Extract<PemItem, { kind: 'certificate' }>; index: number }[] = [];
  items.forEach((item, index) => { if (item.kind === 'certificate') out.push({ item, index }); });
  return out;
}

/** A short name for messages: the CN, else the subject. */
export function certLabel(c: CertificateFacts): string {
  return commonName(c) ?? (c.subject.text || '(empty subject)');
}

/** An end-entity certificate: not a CA by basicConstraints and not a self-signed keyCertSign holder. */
export function isEndEntity(c: CertificateFacts): boolean {
  if (c.isCA) return false;
  if (c.selfSigned && c.ext.keyUsage?.includes('keyCertSign')) return false;
  return true;
}

/** The renewal of a checked certificate: where it is, or inside the keystore the reference names. */
export function renewal(ctx: RuleContext, c: CheckedCertificate): GenerateFix {
  const name = certLabel(c.item.cert);
  return c.keystore
    ? {
        action: 'renew', title: `Renew '${name}' in keystore '${c.keystore.file.split(/[\\/]/).pop()}' (new key, same names and usages)`,
        path: ctx.path, offset: c.span.start, inKeystore: { sha256: c.item.cert.sha256 },
      }
    : { action: 'renew', title: `Renew '${name}' (new key, same names and usages)`, path: ctx.path, offset: c.span.start };
}
