/**
 * Reading what generation builds on: a CA certificate and its key (`--ca`/`--ca-key`, or found in
 * the workspace), a certificate to renew, a key to wrap into a keystore. PEM only; keys in any of
 * the forms openssl writes (PKCS#8, PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"). Encrypted
 * keys are refused with a reason (TLS Lens never asks for, or keeps, a key's passphrase).
 */
import * as fs from 'node:fs';
import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import { x509 } from '../x509/generate';
import type { Issued, LeafRole } from './certificates';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** Bad input for a generate command: the message is one line, shown as is. */
export class GenerateInputError extends Error {}

/** At most 1 MiB: a certificate, key or CA file is a few KiB. */
const MAX_INPUT = 1024 * 1024;

/** A certificate, key or CA file the user named: a regular file, bounded, as text. */
export function readInputFile(file: string | undefined, what: string): string {
  if (!file) throw new GenerateInputError(`${what} is needed`);
  let st: fs.Stats;
  try { st = fs.statSync(file); } catch { throw new GenerateInputError(`${what} '${file}' does not exist`); }
  if (!st.isFile()) throw new GenerateInputError(`${what} '${file}' is not a regular file`);
  if (st.size > MAX_INPUT) throw new GenerateInputError(`${what} '${file}' is ${Math.ceil(st.size / 1024)} KiB: not a certificate or key file`);
  return fs.readFileSync(file, 'utf8');
}

const CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, in order. */
export function certificatesOf(text: string, what: string): x509.X509Certificate[] {
  const blocks = text.match(CERT_RE) ?? [];
  if (!blocks.length) throw new GenerateInputError(`${what} holds no PEM certificate`);
  return blocks.map((b, i) => {
    try {
      return new x509.X509Certificate(b);
    } catch {
      throw new GenerateInputError(`${what}: certificate ${i + 1} is not a valid X.509 certificate`);
    }
  });
}

function keyObject(text: string, what: string): KeyObject {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new GenerateInputError(`${what} is encrypted; decrypt a copy first (openssl pkey -in KEY -out PLAIN.key) and remove it afterwards`);
  }
  const block = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
  if (!block) throw new GenerateInputError(`${what} holds no PEM private key`);
  try {
    return createPrivateKey({ key: block, format: 'pem' });
  } catch {
    throw new GenerateInputError(`${what}: the private key cannot be read`);
  }
}

function importParams(k: KeyObject): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams | webcrypto.Algorithm {
  const type = k.asymmetricKeyType;
  if (type === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (type === 'ec') {
    const curve = ({ prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' } as Record<string, string>)[k.asymmetricKeyDetails?.namedCurve ?? ''];
    if (!curve) throw new GenerateInputError(`the key's curve (${k.asymmetricKeyDetails?.namedCurve ?? 'unknown'}) is not one TLS Lens signs with (P-256, P-384, P-521)`);
    return { name: 'ECDSA', namedCurve: curve };
  }
  if (type === 'ed25519') return { name: 'Ed25519' };
  throw new GenerateInputError(`a ${type ?? 'unknown'} key cannot sign certificates here (RSA, ECDSA or Ed25519)`);
}

/** A key pair for webcrypto from a PEM private key. */
export async function keyPairOf(text: string, what: string): Promise<CryptoKeyPair> {
  const k = keyObject(text, what);
  const params = importParams(k);
  const pkcs8 = k.export({ format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(k).export({ format: 'der', type: 'spki' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, params as webcrypto.RsaHashedImportParams, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', spki, params as webcrypto.RsaHashedImportParams, true, ['verify']);
  return { privateKey, publicKey };
}

/** Whether a key pair is the one of a certificate. */
export async function keyMatches(cert: x509.X509Certificate, keys: CryptoKeyPair): Promise<boolean> {
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return spki.equals(Buffer.from(cert.publicKey.rawData));
}

/** A CA to sign with, from its certificate (the first of the file) and its key. */
export async function loadCa(certText: string, keyText: string, what = '--ca'): Promise<Issued> {
  const [cert] = certificatesOf(certText, what);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) throw new GenerateInputError(`${what} is not a CA certificate (no basicConstraints CA:TRUE); a leaf cannot sign certificates`);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  if (ku && !(ku.usages & x509.KeyUsageFlags.keyCertSign)) throw new GenerateInputError(`${what} may not sign certificates (its key usage lacks keyCertSign)`);
  const keys = await keyPairOf(keyText, `${what}-key`);
  if (!(await keyMatches(cert, keys))) throw new GenerateInputError(`${what}-key is not the key of ${what} (their public keys differ)`);
  return { cert, keys, role: 'ca' };
}

/** What a certificate is, for renewal: its role from the extended key usage. */
export function roleOfCertificate(cert: x509.X509Certificate): LeafRole | 'ca' {
  if (cert.getExtension(x509.BasicConstraintsExtension)?.ca) return 'ca';
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
  const server = eku.includes(x509.ExtendedKeyUsage.serverAuth);
  const client = eku.includes(x509.ExtendedKeyUsage.clientAuth);
  return server && client ? 'peer' : client ? 'client' : 'server';
}
