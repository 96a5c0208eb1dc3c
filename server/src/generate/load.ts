/**
 * Reading what generation builds on: a CA certificate and its key (`--ca`/`--ca-key`, or found in
 * the workspace), a certificate to renew, a key to wrap into a keystore. PEM only; keys in any of
 * the forms openssl writes (PKCS#8, PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"). Encrypted
 * keys are refused with a reason (TLS Lens never asks for, or keeps, a key's passphrase).
 */
import * as fs from 'node:fs';
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { CertificateFacts, parseCertificate } from '../x509/certificate';
import { sameKey } from '../x509/key';
import { KeyPair, publicKeyDer } from '../x509/generate';
import type { Issued, LeafRole } from './certificates';

import { GenerateInputError } from '../core/errors';

export { GenerateInputError };

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
export function certificatesOf(text: string, what: string): CertificateFacts[] {
  const blocks = text.match(CERT_RE) ?? [];
  if (!blocks.length) throw new GenerateInputError(`${what} holds no PEM certificate`);
  return blocks.map((b, i) => {
    try {
      const base64 = b.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '');
      if (/[^A-Za-z0-9+/=\s]/.test(base64)) throw new Error('not base64');
      return parseCertificate(new Uint8Array(Buffer.from(base64, 'base64')));
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

/** Refuses a key TLS Lens does not sign with. */
function checkSigningKey(k: KeyObject): void {
  const type = k.asymmetricKeyType;
  if (type === 'rsa' || type === 'ed25519') return;
  if (type === 'ec') {
    const curve = k.asymmetricKeyDetails?.namedCurve ?? 'unknown';
    if (!['prime256v1', 'secp384r1', 'secp521r1'].includes(curve)) {
      throw new GenerateInputError(`the key's curve (${curve}) is not one TLS Lens signs with (P-256, P-384, P-521)`);
    }
    return;
  }
  throw new GenerateInputError(`a ${type ?? 'unknown'} key cannot sign certificates here (RSA, ECDSA or Ed25519)`);
}

/** A key pair from a PEM private key. */
export function keyPairOf(text: string, what: string): KeyPair {
  const privateKey = keyObject(text, what);
  checkSigningKey(privateKey);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Whether a key pair is the one of a certificate. */
export function keyMatches(cert: CertificateFacts, keys: KeyPair): boolean {
  return sameKey(publicKeyDer(keys), cert.publicKey.spki);
}

/** A CA to sign with, from its certificate (the first of the file) and its key. */
export async function loadCa(certText: string, keyText: string, what = '--ca'): Promise<Issued> {
  const [cert] = certificatesOf(certText, what);
  if (!cert.isCA) throw new GenerateInputError(`${what} is not a CA certificate (no basicConstraints CA:TRUE); a leaf cannot sign certificates`);
  const ku = cert.ext.keyUsage;
  if (ku && !ku.includes('keyCertSign')) throw new GenerateInputError(`${what} may not sign certificates (its key usage lacks keyCertSign)`);
  const keys = keyPairOf(keyText, `${what}-key`);
  if (!keyMatches(cert, keys)) throw new GenerateInputError(`${what}-key is not the key of ${what} (their public keys differ)`);
  return { cert, keys, role: 'ca' };
}

/** What a certificate is, for renewal: its role from the extended key usage. */
export function roleOfCertificate(cert: CertificateFacts): LeafRole | 'ca' {
  if (cert.isCA) return 'ca';
  const eku = cert.ext.extKeyUsage ?? [];
  const server = eku.includes('serverAuth');
  const client = eku.includes('clientAuth');
  return server && client ? 'peer' : client ? 'client' : 'server';
}
