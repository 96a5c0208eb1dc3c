import { PemBlock, parsePem } from '../parse/pem';
import type { Span } from '../core/types';
import { CertificateFacts, isSignedBy, parseCertificate } from '../x509/certificate';
import { CsrFacts, parseCsr } from '../x509/csr';
import { EncryptedKeyFacts, parseEncryptedPrivateKey, parsePrivateKey, parsePublicKey, PrivateKeyFacts, sameKey } from '../x509/key';
import { PublicKeyFacts } from '../x509/publicKey';
import { LruCache } from '../util/lru';
import { readNode } from '../x509/der';

/** What one PEM block says, with the facts parsed from its DER. */
export type PemItem =
  | { readonly kind: 'certificate'; readonly block: PemBlock; readonly cert: CertificateFacts }
  | { readonly kind: 'privateKey'; readonly block: PemBlock; readonly key: PrivateKeyFacts | EncryptedKeyFacts }
  | { readonly kind: 'publicKey'; readonly block: PemBlock; readonly key: PublicKeyFacts }
  | { readonly kind: 'csr'; readonly block: PemBlock; readonly csr: CsrFacts }
  | { readonly kind: 'other'; readonly block: PemBlock }
  | { readonly kind: 'malformed'; readonly block: PemBlock; readonly error: string };

export interface CertificateRelations {
  /** The certificate in the next block of the same bundle, if the next block is one. */
  readonly next?: CertificateFacts;
  /** Whether `next` issued this certificate (names chain and the signature verifies). */
  readonly signedByNext?: boolean;
  /** Another certificate of the document that issued this one, when it is not the next block. */
  readonly issuerElsewhere?: number;
  /** Certificates of the document that this one issued (indexes into items). */
  readonly issued: number[];
}

export interface PemModel {
  readonly items: readonly PemItem[];
  readonly strayEnds: readonly { span: Span; label: string }[];
  /** Per item index: relations for certificates. */
  readonly certRelations: ReadonlyMap<number, CertificateRelations>;
  /** Per private-key item index: the index of the certificate item whose key it is, or -1. */
  readonly keyMatches: ReadonlyMap<number, number>;
}


export const parseCache = new LruCache<string, { kind: PemItem['kind']; facts?: unknown; error?: string }>(4096);

const PRIVATE_FORMATS: Record<string, 'pkcs8' | 'pkcs1' | 'sec1'> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};

function describeError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m;
}

function parseBlockDer(label: string, der: Uint8Array, headers: Readonly<Record<string, string>>): { kind: PemItem['kind']; facts?: unknown; error?: string } {
  try {
    switch (label) {
      case 'CERTIFICATE':
      case 'X509 CERTIFICATE':
        return { kind: 'certificate', facts: parseCertificate(der) };
      case 'TRUSTED CERTIFICATE': {
        // OpenSSL's trusted form: a certificate followed by its trust settings (CertAux).
        const cert = parseCertificate(der.subarray(0, readNode(der, 0).end));
        return { kind: 'certificate', facts: cert };
      }
      case 'PRIVATE KEY':
      case 'RSA PRIVATE KEY':
      case 'EC PRIVATE KEY':
        if (/ENCRYPTED/.test(headers['Proc-Type'] ?? '')) {
          const enc: EncryptedKeyFacts = {
            kind: 'private', encrypted: true, protection: `legacy PEM encryption ${(headers['DEK-Info'] ?? '').split(',')[0]}`.trim(),
          };
          return { kind: 'privateKey', facts: enc };
        }
        return { kind: 'privateKey', facts: parsePrivateKey(der, PRIVATE_FORMATS[label]) };
      case 'ENCRYPTED PRIVATE KEY':
        return { kind: 'privateKey', facts: parseEncryptedPrivateKey(der) };
      case 'PUBLIC KEY':
        return { kind: 'publicKey', facts: parsePublicKey(der) };
      case 'CERTIFICATE REQUEST':
      case 'NEW CERTIFICATE REQUEST':
        return { kind: 'csr', facts: parseCsr(der) };
      default:
        return { kind: 'other' };
    }
  } catch (e) {
    return { kind: 'malformed', error: `${label}: ${describeError(e)}` };
  }
}

function toItem(block: PemBlock): PemItem {
  if (block.error || !block.der) return { kind: 'malformed', block, error: block.error ?? 'no data' };
  const hash = `${block.label}\n${Object.keys(block.headers).length ? JSON.stringify(block.headers) : ''}\n${block.base64}`;
  let parsed = parseCache.get(hash);
  if (!parsed) {
    parsed = parseBlockDer(block.label, block.der, block.headers);
    parseCache.set(hash, parsed);
  }
  switch (parsed.kind) {
    case 'certificate': return { kind: 'certificate', block, cert: parsed.facts as CertificateFacts };
    case 'privateKey': return { kind: 'privateKey', block, key: parsed.facts as PrivateKeyFacts | EncryptedKeyFacts };
    case 'publicKey': return { kind: 'publicKey', block, key: parsed.facts as PublicKeyFacts };
    case 'csr': return { kind: 'csr', block, csr: parsed.facts as CsrFacts };
    case 'malformed': return { kind: 'malformed', block, error: parsed.error ?? 'malformed' };
    default: return { kind: 'other', block };
  }
}

/** Builds the PEM model of a text. `singleBundle`: the whole text is one bundle (a .pem file). */
export function buildPemModel(text: string, options: { singleBundle?: boolean } = {}): PemModel {
  const { blocks, strayEnds } = parsePem(text, options);
  const items = blocks.map(toItem);
  const certRelations = new Map<number, CertificateRelations>();
  const keyMatches = new Map<number, number>();
  const certIdx: number[] = [];
  items.forEach((it, i) => { if (it.kind === 'certificate') certIdx.push(i); });
  for (const i of certIdx) certRelations.set(i, { issued: [] });
  for (const i of certIdx) {
    const item = items[i] as Extract<PemItem, { kind: 'certificate' }>;
    const nextItem = items[i + 1];
    const rel = certRelations.get(i) as { next?: CertificateFacts; signedByNext?: boolean; issuerElsewhere?: number; issued: number[] };
    if (nextItem && nextItem.kind === 'certificate' && nextItem.block.bundle === item.block.bundle) {
      rel.next = nextItem.cert;
      rel.signedByNext = isSignedBy(item.cert, nextItem.cert);
      if (rel.signedByNext) certRelations.get(i + 1)!.issued.push(i);
    }
    if (!rel.signedByNext && !item.cert.selfIssued) {
      for (const j of certIdx) {
        if (j === i) continue;
        const other = items[j] as Extract<PemItem, { kind: 'certificate' }>;
        if (other.cert.subject.key === item.cert.issuer.key && isSignedBy(item.cert, other.cert)) {
          rel.issuerElsewhere = j;
          certRelations.get(j)!.issued.push(i);
          break;
        }
      }
    }
  }
  items.forEach((it, i) => {
    if (it.kind !== 'privateKey' || it.key.encrypted) return;
    const spki = it.key.publicSpki;
    const match = certIdx.find((j) => sameKey((items[j] as Extract<PemItem, { kind: 'certificate' }>).cert.publicKey.spki, spki));
    keyMatches.set(i, match ?? -1);
  });
  return { items, strayEnds, certRelations, keyMatches };
}
