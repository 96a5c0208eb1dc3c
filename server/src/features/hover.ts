import type { Hover } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import type { PemItem } from '../model/pem';
import type { CertificateFacts } from '../x509/certificate';
import { commonName } from '../x509/certificate';
import type { GeneralName } from '../x509/extensions';
import { describeKey } from '../x509/publicKey';
import { LineIndex, Position } from '../util/lineIndex';
import { isoDate, relativeTime } from '../util/time';
import { md, table } from '../util/markdown';

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

function itemAt(model: DocumentModel, offset: number): { item: PemItem; index: number } | undefined {
  const items = model.pem.items;
  for (let i = 0; i < items.length; i++) {
    const s = items[i].block.span;
    if (offset >= s.start && offset <= s.end) return { item: items[i], index: i };
    if (s.start > offset) break;
  }
  return undefined;
}

function certName(items: readonly PemItem[], index: number): string {
  const it = items[index];
  if (it?.kind !== 'certificate') return `block ${index + 1}`;
  return `'${md(commonName(it.cert) ?? it.cert.subject.text)}' (block ${index + 1})`;
}

export function pemItemMarkdown(model: DocumentModel, index: number, now: Date): string {
  const { items, certRelations, keyMatches } = model.pem;
  const item = items[index];
  const position = `block ${index + 1} of ${items.length}`;
  switch (item.kind) {
    case 'certificate': {
      const rel = certRelations.get(index);
      let chain: string | undefined;
      if (rel?.next) {
        chain = rel.signedByNext ? `signed by the next block, ${certName(items, index + 1)}` : `**not** signed by the next block, ${certName(items, index + 1)}`;
        if (!rel.signedByNext && rel.issuerElsewhere !== undefined) chain += `; its issuer is ${certName(items, rel.issuerElsewhere)}`;
      } else if (rel?.issuerElsewhere !== undefined) {
        chain = `signed by ${certName(items, rel.issuerElsewhere)}`;
      }
      const keyIdx = [...keyMatches.entries()].find(([, c]) => c === index)?.[0];
      if (keyIdx !== undefined) chain = `${chain ? chain + '; ' : ''}its private key is block ${keyIdx + 1}`;
      return `${certificateMarkdown(item.cert, now, chain)}\n\n_${position}_`;
    }
    case 'privateKey': {
      if (item.key.encrypted) {
        return `**Encrypted private key** (${md(item.key.protection)})\n\nTLS Lens does not read encrypted keys: it cannot tell which certificate this key belongs to.\n\n_${position}_`;
      }
      const m = keyMatches.get(index);
      const match = m !== undefined && m >= 0 ? `matches the certificate ${certName(items, m)}` : items.some((i) => i.kind === 'certificate') ? 'matches **no** certificate in this file' : 'no certificate in this file to match';
      return `**Private key** ${md(describeKey(item.key))}\n\n${match}. The key material is never shown.\n\n_${position}_`;
    }
    case 'publicKey':
      return `**Public key** ${md(describeKey(item.key))}\n\n_${position}_`;
    case 'csr': {
      const rows: [string, string | undefined][] = [
        ['Subject', md(item.csr.subject.text) || '(empty)'],
        ['Requested SANs', formatSans(item.csr.san) ?? '(none)'],
        ['Extended key usage', item.csr.extKeyUsage?.join(', ')],
        ['Public key', md(describeKey(item.csr.publicKey))],
        ['Signature', md(item.csr.signatureAlgorithm.name)],
      ];
      return `**Certificate request** ${md(commonName(item.csr) ?? '')}\n\n${table(rows)}\n\n_${position}_`;
    }
    case 'malformed':
      return `**Malformed ${md(item.block.label)} block**: ${md(item.error)}\n\n_${position}_`;
    default:
      return `**${md(item.block.label)}** block: TLS Lens does not interpret this kind of block.\n\n_${position}_`;
  }
}

export function hover(model: DocumentModel, position: Position, now: Date, index = new LineIndex(model.text)): Hover | null {
  const hit = itemAt(model, index.offsetAt(position));
  if (!hit) return null;
  const s = hit.item.block.span;
  return {
    contents: { kind: 'markdown', value: pemItemMarkdown(model, hit.index, now) },
    range: { start: index.positionAt(s.start), end: index.positionAt(s.end) },
  };
}
