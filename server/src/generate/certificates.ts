/**
 * Keys, certificates and CSRs for private PKI, made the way the product guides' openssl sessions make
 * them, but right the first time: a root CA (basicConstraints CA critical, pathLen, keyCertSign +
 * cRLSign, SKI), intermediates, leaves with DNS and IP SANs, the EKU of their role, the key usage
 * their key type allows (no keyEncipherment on ECDSA), SKI/AKI and random positive 16-byte serials.
 */
import type { LeafRole } from '../core/bundle';
import type { CertificateFacts } from '../x509/certificate';
import type { CsrFacts } from '../x509/csr';
import { createCertificate, createCsr, generateKeys, Issuer, KeyPair, KeySpec, randomSerial } from '../x509/generate';
import { GenerateInputError } from '../core/errors';
import { nameValue, sanNames } from '../core/names';

export const KEY_CHOICES = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'] as const;
export type KeyChoice = (typeof KEY_CHOICES)[number];
export const DEFAULT_KEY: KeyChoice = 'ec-p256';

/** Validity in days: 365 for private PKI by default; the CA/Browser Forum's public limits as choices. */
export const VALIDITY_CHOICES = [365, 398, 200, 90, 47] as const;
export const DEFAULT_DAYS = 365;
export const DEFAULT_CA_DAYS = 3650;

export function keySpecOf(choice: KeyChoice): KeySpec {
  switch (choice) {
    case 'ec-p256': return { type: 'ec', curve: 'P-256' };
    case 'ec-p384': return { type: 'ec', curve: 'P-384' };
    case 'rsa-2048': return { type: 'rsa', bits: 2048 };
    case 'rsa-3072': return { type: 'rsa', bits: 3072 };
    case 'rsa-4096': return { type: 'rsa', bits: 4096 };
    case 'ed25519': return { type: 'ed25519' };
  }
}

export function isKeyChoice(s: string): s is KeyChoice {
  return (KEY_CHOICES as readonly string[]).includes(s);
}

export type { LeafRole };

export interface LeafRequest {
  readonly role: LeafRole;
  readonly cn: string;
  /** A whole distinguished name, as text or the DER of a Name (a renewal keeps the old one); `cn` and `org` are then ignored. */
  readonly subject?: string | Uint8Array;
  readonly org?: string;
  readonly dns?: readonly string[];
  readonly ip?: readonly string[];
  /** The names are an existing certificate's, kept as they were (a renewal): not checked again. */
  readonly kept?: boolean;
  readonly days?: number;
  readonly key?: KeyChoice;
  /** Reuse a key pair (re-issue with the right usage keeps the key). */
  readonly keys?: KeyPair;
  /** Omit for a self-signed leaf (a renewal of one). */
  readonly issuer?: Issued;
  readonly now?: Date;
}

export interface CaRequest {
  readonly cn: string;
  /** A key pair made already (a pool made it in parallel). */
  readonly keys?: KeyPair;
  /** RFC 4514 text, or the DER of a Name (a renewal keeps the old one). */
  readonly subject?: string | Uint8Array;
  readonly org?: string;
  readonly days?: number;
  readonly key?: KeyChoice;
  /** Omit for a self-signed root. */
  readonly issuer?: Issued;
  readonly pathLen?: number;
  readonly now?: Date;
}

export interface Issued extends Issuer {
  readonly role: LeafRole | 'ca';
  /** The CA that signed it (absent for a self-signed root, or a CA read from files). */
  readonly issuer?: Issued;
}

/** SHA-384 for P-384 signers (RFC 5480 §4 pairs curve and hash), SHA-256 otherwise. */
function hashFor(signer: KeyPair): 'SHA-256' | 'SHA-384' {
  return signer.privateKey.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'SHA-384' : 'SHA-256';
}

/** An X.500 name from a CN and an organisation, as RFC 4514 text (values checked, then escaped). */
export function distinguishedName(cn: string, org?: string): string {
  nameValue('the common name', cn);
  if (org !== undefined) nameValue('the organisation', org);
  const esc = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1');
  return [`CN=${esc(cn)}`, ...(org ? [`O=${esc(org)}`] : [])].join(', ');
}

/** X.509 dates: UTCTime from 1950, GeneralizedTime to 9999 (RFC 5280 §4.1.2.5). */
const FIRST = Date.UTC(1950, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59);

function validity(days: number, now = new Date()): { notBefore: Date; notAfter: Date } {
  // A little back-dating absorbs clock skew between the machine that makes it and the ones that check it.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 5 * 60_000);
  const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  if (!(notBefore.getTime() >= FIRST && notAfter.getTime() <= LAST)) {
    const at = Number.isNaN(now.getTime()) ? String(now) : now.toISOString().slice(0, 10);
    throw new GenerateInputError(`a certificate's dates must fall in 1950-9999: ${days} days from ${at} do not`);
  }
  return { notBefore, notAfter };
}

export async function issueCa(req: CaRequest): Promise<Issued> {
  if (!req.subject) distinguishedName(req.cn, req.org);
  validity(req.days ?? DEFAULT_CA_DAYS, req.now);
  const keys = req.keys ?? (await generateKeys(keySpecOf(req.key ?? DEFAULT_KEY)));
  const { cert } = await createCertificate({
    subject: req.subject ?? distinguishedName(req.cn, req.org),
    keys,
    issuer: req.issuer,
    hash: hashFor(req.issuer?.keys ?? keys),
    ...validity(req.days ?? DEFAULT_CA_DAYS, req.now),
    ca: true,
    pathLen: req.pathLen ?? (req.issuer ? 0 : undefined),
    keyUsage: ['keyCertSign', 'cRLSign'],
    serial: randomSerial(),
  });
  return { cert, keys, role: 'ca', ...(req.issuer ? { issuer: req.issuer } : {}) };
}

export async function issueLeaf(req: LeafRequest): Promise<Issued> {
  const keySpec = keySpecOf(req.key ?? DEFAULT_KEY);
  if (!req.subject) distinguishedName(req.cn, req.org);
  const names = req.kept ? { dns: [...(req.dns ?? [])], ip: [...(req.ip ?? [])] } : sanNames(req.dns, req.ip);
  validity(req.days ?? DEFAULT_DAYS, req.now);
  const keys = req.keys ?? (await generateKeys(keySpec));
  const rsa = keys.privateKey.asymmetricKeyType === 'rsa';
  const san = [...names.dns.map((d) => `DNS:${d}`), ...names.ip.map((i) => `IP:${i}`)];
  const { cert } = await createCertificate({
    subject: req.subject ?? distinguishedName(req.cn, req.org),
    keys,
    issuer: req.issuer,
    ...validity(req.days ?? DEFAULT_DAYS, req.now),
    ca: false,
    // RSA key exchange (TLS 1.2 RSA suites) needs keyEncipherment; ECDSA and Ed25519 keys only sign.
    keyUsage: rsa && req.role !== 'client' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
    extKeyUsage: req.role === 'server' ? ['serverAuth'] : req.role === 'client' ? ['clientAuth'] : ['serverAuth', 'clientAuth'],
    ...(san.length ? { san } : {}),
    hash: hashFor(req.issuer?.keys ?? keys),
    serial: randomSerial(),
  });
  return { cert, keys, role: req.role, ...(req.issuer ? { issuer: req.issuer } : {}) };
}

export async function makeCsr(
  req: { cn: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; key?: KeyChoice },
): Promise<{ csr: CsrFacts; keys: KeyPair }> {
  const names = sanNames(req.dns, req.ip);
  const san = [...names.dns.map((d) => `DNS:${d}`), ...names.ip.map((i) => `IP:${i}`)];
  return createCsr({ subject: distinguishedName(req.cn, req.org), key: keySpecOf(req.key ?? DEFAULT_KEY), ...(san.length ? { san } : {}) });
}

/** The key choice that makes a key like this certificate's (a renewal keeps the kind of key). */
export function keyChoiceOf(cert: CertificateFacts): KeyChoice {
  const k = cert.publicKey;
  if (k.algorithm === 'EC') return k.curve === 'P-384' ? 'ec-p384' : 'ec-p256';
  if (k.algorithm === 'Ed25519') return 'ed25519';
  const bits = k.bits ?? 2048;
  return bits >= 4096 ? 'rsa-4096' : bits >= 3072 ? 'rsa-3072' : 'rsa-2048';
}

/** The names of a certificate's subjectAltName, split. */
export function sanOf(cert: CertificateFacts): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const n of cert.ext.san ?? []) {
    if (n.type === 'dns') dns.push(n.value);
    if (n.type === 'ip') ip.push(n.value);
  }
  return { dns, ip };
}
