/** Hover on a PEM block, in any document: what the block is, its chain and key relations in the file. */
import type { Hover } from 'vscode-languageserver-types';
import type { DocumentModel } from '../../model/document';
import type { PemItem } from '../../model/pem';
import { commonName } from '../../x509/certificate';
import { describeKey } from '../../x509/publicKey';
import { md, table } from '../../util/markdown';
import { certificateMarkdown, formatSans } from './certificate';
import type { HoverContext } from './context';

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
        chain = rel.signedByNext
          ? `signed by the next block, ${certName(items, index + 1)}`
          : `**not** signed by the next block, ${certName(items, index + 1)}`;
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
        return `**Encrypted private key** (${md(item.key.protection)})\n\n`
          + `TLS Lens does not read encrypted keys: it cannot tell which certificate this key belongs to.\n\n_${position}_`;
      }
      const m = keyMatches.get(index);
      const match = m !== undefined && m >= 0
        ? `matches the certificate ${certName(items, m)}`
        : items.some((i) => i.kind === 'certificate') ? 'matches **no** certificate in this file' : 'no certificate in this file to match';
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

export function pemHover({ model, position, lines: index, now }: HoverContext): Hover | null {
  const hit = itemAt(model, index.offsetAt(position));
  if (!hit) return null;
  const s = hit.item.block.span;
  return {
    contents: { kind: 'markdown', value: pemItemMarkdown(model, hit.index, now) },
    range: { start: index.positionAt(s.start), end: index.positionAt(s.end) },
  };
}
