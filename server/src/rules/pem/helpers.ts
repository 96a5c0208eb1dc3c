import type { PemItem } from '../../model/pem';
import type { CertificateFacts } from '../../x509/certificate';
import { commonName } from '../../x509/certificate';
export { documentCertificates } from '../../model/certificates';
export type { CertItem } from '../../model/certificates';

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
