/**
 * Certificate, key and CSR generation with @peculiar/x509 over node's WebCrypto. Used by the
 * fixture generator today and by the `generate` commands later. Keys stay in memory; callers
 * that write them must use mode 0600.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;

x509.cryptoProvider.set(webcrypto as never);

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'P-256' | 'P-384' | 'P-521' } | { type: 'ed25519' };
export type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface Issuer {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface CertSpec {
  readonly subject: string;
  readonly key?: KeySpec;
  /** Reuse an existing key pair (e.g. to re-issue, or to make a mismatching pair on purpose). */
  readonly keys?: CryptoKeyPair;
  /** Omit for self-signed. */
  readonly issuer?: Issuer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** `DNS:a.example`, `IP:10.0.0.1`, `email:x@y`, `URI:https://…`; a bare name is DNS. */
  readonly san?: readonly string[];
  /** true/false writes basicConstraints (critical); undefined leaves it out. */
  readonly ca?: boolean;
  readonly pathLen?: number;
  readonly keyUsage?: readonly (keyof typeof KEY_USAGE)[];
  /** serverAuth, clientAuth, or dotted OIDs. */
  readonly extKeyUsage?: readonly string[];
  readonly hash?: Hash;
  readonly serial?: string;
  /** Add SKI and AKI (default true). */
  readonly keyIds?: boolean;
}

export const KEY_USAGE = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
  keyAgreement: x509.KeyUsageFlags.keyAgreement,
  keyCertSign: x509.KeyUsageFlags.keyCertSign,
  cRLSign: x509.KeyUsageFlags.cRLSign,
} as const;

const EKU: Record<string, string> = {
  serverAuth: x509.ExtendedKeyUsage.serverAuth,
  clientAuth: x509.ExtendedKeyUsage.clientAuth,
  codeSigning: x509.ExtendedKeyUsage.codeSigning,
  emailProtection: x509.ExtendedKeyUsage.emailProtection,
};

function algorithmFor(key: KeySpec, hash: Hash): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams | Algorithm {
  switch (key.type) {
    case 'rsa': return { name: 'RSASSA-PKCS1-v1_5', modulusLength: key.bits, publicExponent: new Uint8Array([1, 0, 1]), hash };
    case 'ec': return { name: 'ECDSA', namedCurve: key.curve };
    case 'ed25519': return { name: 'Ed25519' };
  }
}

export async function generateKeys(key: KeySpec = { type: 'ec', curve: 'P-256' }, hash: Hash = 'SHA-256'): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithmFor(key, hash) as webcrypto.RsaHashedKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function signingAlgorithm(keys: CryptoKeyPair, hash: Hash): Algorithm {
  const name = keys.privateKey.algorithm.name;
  if (name === 'ECDSA') return { name, hash } as webcrypto.EcdsaParams;
  if (name === 'Ed25519') return { name };
  return { name: 'RSASSA-PKCS1-v1_5', hash } as webcrypto.RsaHashedImportParams;
}

function generalNames(san: readonly string[]): x509.JsonGeneralNames {
  return san.map((s) => {
    const m = /^(DNS|IP|email|URI):(.*)$/.exec(s);
    const [type, value] = m ? [m[1], m[2]] : ['DNS', s];
    return { type: ({ DNS: 'dns', IP: 'ip', email: 'email', URI: 'url' } as const)[type as 'DNS'], value };
  });
}

export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive
  return b.toString('hex');
}

export async function createCertificate(spec: CertSpec): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const hash = spec.hash ?? 'SHA-256';
  const keys = spec.keys ?? (await generateKeys(spec.key, hash));
  const signer = spec.issuer?.keys ?? keys;
  const extensions: x509.Extension[] = [];
  if (spec.ca !== undefined) extensions.push(new x509.BasicConstraintsExtension(spec.ca, spec.pathLen, true));
  if (spec.keyUsage) extensions.push(new x509.KeyUsagesExtension(spec.keyUsage.reduce((a, k) => a | KEY_USAGE[k], 0), true));
  if (spec.extKeyUsage) extensions.push(new x509.ExtendedKeyUsageExtension(spec.extKeyUsage.map((e) => EKU[e] ?? e)));
  if (spec.san) extensions.push(new x509.SubjectAlternativeNameExtension(generalNames(spec.san)));
  if (spec.keyIds !== false) {
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(signer.publicKey));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: spec.serial ?? randomSerial(),
    subject: spec.subject,
    issuer: spec.issuer ? spec.issuer.cert.subject : spec.subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    signingAlgorithm: signingAlgorithm(signer, hash),
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    extensions,
  });
  return { cert, keys };
}

export async function createCsr(spec: { subject: string; keys?: CryptoKeyPair; key?: KeySpec; san?: readonly string[]; hash?: Hash }): Promise<{ csr: x509.Pkcs10CertificateRequest; keys: CryptoKeyPair }> {
  const hash = spec.hash ?? 'SHA-256';
  const keys = spec.keys ?? (await generateKeys(spec.key, hash));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: spec.subject,
    keys,
    signingAlgorithm: signingAlgorithm(keys, hash),
    extensions: spec.san ? [new x509.SubjectAlternativeNameExtension(generalNames(spec.san))] : [],
  });
  return { csr, keys };
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** PKCS#8 PEM of a private key. Never log the result. */
export async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
}

export async function publicKeyPem(keys: CryptoKeyPair): Promise<string> {
  return pem('PUBLIC KEY', await webcrypto.subtle.exportKey('spki', keys.publicKey));
}

export function certificatePem(cert: x509.X509Certificate): string {
  return pem('CERTIFICATE', cert.rawData);
}

export function csrPem(csr: x509.Pkcs10CertificateRequest): string {
  return pem('CERTIFICATE REQUEST', csr.rawData);
}

export { x509 };
