import type { PemItem } from '../../model/pem';
import type { CertificateFacts } from '../../x509/certificate';
import { commonName } from '../../x509/certificate';

export type CertItem = Extract<PemItem, { kind: 'certificate' }>;

export function certificates(items: readonly PemItem[]): { item: CertItem; index: number }[] {
  const out: { item: CertItem; index: number }[] = [];
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
