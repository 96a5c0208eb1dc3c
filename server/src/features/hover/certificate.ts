/** A certificate as hover markdown: every hover that shows one (PEM blocks, references, Secret data) uses this. */
import type { CertificateFacts } from '../../x509/certificate';
import { commonName } from '../../x509/certificate';
import type { GeneralName } from '../../x509/extensions';
import { describeKey } from '../../x509/publicKey';
import { isoDate, relativeTime } from '../../util/time';
import { md, table } from '../../util/markdown';

const SAN_LABEL: Record<GeneralName['type'], string> = {
  dns: 'DNS', ip: 'IP', email: 'email', uri: 'URI', dirName: 'dirName', registeredID: 'RID', other: 'other',
};

/** A hover lists this many SANs at most (some certificates carry thousands). */
const MAX_SANS_SHOWN = 50;

export function formatSans(san: readonly GeneralName[] | undefined): string | undefined {
  if (!san) return undefined;
  if (san.length === 0) return '(empty)';
  const shown = san.slice(0, MAX_SANS_SHOWN).map((n) => `${SAN_LABEL[n.type]}: ${md(n.value)}`);
  if (san.length > MAX_SANS_SHOWN) shown.push(`… and ${san.length - MAX_SANS_SHOWN} more`);
  return shown.join('<br>');
}

function validity(c: CertificateFacts, now: Date): string {
  const range = `${isoDate(c.notBefore)} → ${isoDate(c.notAfter)}`;
  let status: string;
  if (c.notBefore > now) status = `not valid yet: valid ${relativeTime(c.notBefore, now)}`;
  else if (c.notAfter < now) status = `**expired ${relativeTime(c.notAfter, now)}**`;
  else status = `expires ${relativeTime(c.notAfter, now)}`;
  return `${md(range)} (${status})`;
}

export function certificateMarkdown(c: CertificateFacts, now: Date, chainNote?: string): string {
  const title = commonName(c) ?? c.subject.text;
  const bc = c.ext.basicConstraints;
  const rows: [string, string | undefined][] = [
    ['Subject', md(c.subject.text) || '(empty)'],
    ['Issuer', md(c.issuer.text) || '(empty)'],
    ['Serial', md(c.serialHex)],
    ['Validity', validity(c, now)],
    ['SANs', formatSans(c.ext.san) ?? '(none)'],
    ['Public key', md(describeKey(c.publicKey))],
    ['Signature', md(c.signatureAlgorithm.name)],
    ['Key usage', c.ext.keyUsage ? c.ext.keyUsage.join(', ') || '(none)' : undefined],
    ['Extended key usage', c.ext.extKeyUsage ? c.ext.extKeyUsage.join(', ') : undefined],
    ['Basic constraints', bc ? `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLen !== undefined ? `, pathLen ${bc.pathLen}` : ''}` : undefined],
    ['Subject key ID', c.ext.subjectKeyId ? md(c.ext.subjectKeyId) : undefined],
    ['Authority key ID', c.ext.authorityKeyId ? md(c.ext.authorityKeyId) : undefined],
    ['SHA-256', `\`${c.sha256}\``],
    ['SHA-1', `\`${c.sha1}\``],
    ['Self-signed', c.selfSigned ? 'yes' : c.selfIssued ? 'self-issued, but its signature does not verify with its own key' : 'no'],
    ['Chain', chainNote],
  ];
  return `**Certificate** ${md(title ?? '')}${c.version !== 3 ? ` (X.509 v${c.version})` : ''}\n\n${table(rows)}`;
}
