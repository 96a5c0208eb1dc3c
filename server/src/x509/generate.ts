/**
 * Keys, certificates and CSRs: keys from node:crypto (made in libuv's thread pool, so several at
 * once), the TBSCertificate and CertificationRequestInfo written by our DER writer, signed by
 * node:crypto, and read back by the same parser the rules use, so what TLS Lens makes is what it
 * checks. Used by the `generate` commands, the fixture generator and the tests. Keys stay in
 * memory; callers that write them must use mode 0600.
 */
import { createHash, generateKeyPair, KeyObject, randomBytes, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { CertificateFacts, parseCertificate } from './certificate';
import { parseCsr, CsrFacts } from './csr';
import { children, content, readNode } from './der';
import * as der from './encode';
import { encodeName } from './name';
import { KEY_USAGE_BITS, KeyUsage, OID } from './oids';

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'P-256' | 'P-384' | 'P-521' } | { type: 'ed25519' };
export type Hash = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface Issuer {
  readonly cert: CertificateFacts;
  readonly keys: KeyPair;
}

export interface CertSpec {
  /** RFC 4514 text (`CN=app.example.com, O=Example`), or the DER of a Name (a renewal keeps the old one byte for byte). */
  readonly subject: string | Uint8Array;
  readonly key?: KeySpec;
  /** Reuse an existing key pair (e.g. to re-issue, or to make a mismatching pair on purpose). */
  readonly keys?: KeyPair;
  /** Omit for self-signed. */
  readonly issuer?: Issuer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** `DNS:a.example`, `IP:10.0.0.1`, `email:x@y`, `URI:https://…`; a bare name is DNS. */
  readonly san?: readonly string[];
  /** true/false writes basicConstraints (critical); undefined leaves it out. */
  readonly ca?: boolean;
  readonly pathLen?: number;
  readonly keyUsage?: readonly KeyUsage[];
  /** serverAuth, clientAuth, codeSigning, emailProtection, or dotted OIDs. */
  readonly extKeyUsage?: readonly string[];
  readonly hash?: Hash;
  /** Hex, positive. */
  readonly serial?: string;
  /** Add SKI and AKI (default true). */
  readonly keyIds?: boolean;
  /** OCSP responder URLs for Authority Information Access (test fixtures; TLS Lens's own PKI has no OCSP). */
  readonly ocspUrls?: readonly string[];
}

const EKU: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
};

const NODE_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;

export function generateKeys(key: KeySpec = { type: 'ec', curve: 'P-256' }): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKey: KeyObject, privateKey: KeyObject) => (err ? reject(err) : resolve({ publicKey, privateKey }));
    switch (key.type) {
      case 'rsa': return generateKeyPair('rsa', { modulusLength: key.bits, publicExponent: 0x10001 }, done);
      case 'ec': return generateKeyPair('ec', { namedCurve: NODE_CURVE[key.curve] }, done);
      case 'ed25519': return generateKeyPair('ed25519', undefined as never, done);
    }
  });
}

const RSA_SIGNATURE: Record<Hash, string> = {
  'MD5': '1.2.840.113549.1.1.4',
  'SHA-1': '1.2.840.113549.1.1.5',
  'SHA-256': '1.2.840.113549.1.1.11',
  'SHA-384': '1.2.840.113549.1.1.12',
  'SHA-512': '1.2.840.113549.1.1.13',
};
const ECDSA_SIGNATURE: Partial<Record<Hash, string>> = {
  'SHA-1': '1.2.840.10045.4.1',
  'SHA-256': '1.2.840.10045.4.3.2',
  'SHA-384': '1.2.840.10045.4.3.3',
  'SHA-512': '1.2.840.10045.4.3.4',
};

/** The AlgorithmIdentifier a key signs with, and the signature over `data`. */
function signer(key: KeyObject, hash: Hash): { algorithm: der.Der; sign: (data: Uint8Array) => Uint8Array } {
  const digest = hash.replace('-', '').toLowerCase();
  switch (key.asymmetricKeyType) {
    case 'rsa':
      // PKCS#1 v1.5 signature algorithms carry NULL parameters (RFC 4055 §5).
      return { algorithm: der.sequence(der.oid(RSA_SIGNATURE[hash]), der.nullValue()), sign: (d) => sign(digest, d, key) };
    case 'ec': {
      const alg = ECDSA_SIGNATURE[hash];
      if (!alg) throw new RangeError(`ECDSA does not sign with ${hash}`);
      // ECDSA algorithms have no parameters (RFC 5758 §3.2); node writes the DER Ecdsa-Sig-Value.
      return { algorithm: der.sequence(der.oid(alg)), sign: (d) => sign(digest, d, key) };
    }
    case 'ed25519':
      return { algorithm: der.sequence(der.oid(OID.ed25519)), sign: (d) => sign(null, d, key) };
    default:
      throw new RangeError(`a ${key.asymmetricKeyType ?? 'unknown'} key cannot sign here (RSA, ECDSA or Ed25519)`);
  }
}

function spkiOf(keys: KeyPair): Uint8Array {
  return keys.publicKey.export({ type: 'spki', format: 'der' });
}

/** RFC 5280 §4.2.1.2 (1): SHA-1 of the subjectPublicKey bits. */
function keyIdOf(spki: Uint8Array): Uint8Array {
  const [, bits] = children(readNode(spki, 0));
  return createHash('sha1').update(content(bits).subarray(1)).digest();
}

/** The key identifier an issuer's certificate declares (AKI must repeat it), else one computed from its key. */
function issuerKeyId(issuer: Issuer | undefined, ownSpki: Uint8Array): Uint8Array {
  const ski = issuer?.cert.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  if (ski) {
    try {
      return content(readNode(ski.value, 0));
    } catch {
      // A malformed SKI: fall back to the key's own identifier.
    }
  }
  return keyIdOf(issuer ? issuer.cert.publicKey.spki : ownSpki);
}

function ipBytes(ip: string): Uint8Array {
  if (isIPv4(ip)) return Uint8Array.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new RangeError(`'${ip}' is not an IP address`);
  let text = ip.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

function generalName(s: string): der.Der {
  const m = /^(DNS|IP|email|URI):(.*)$/.exec(s);
  const [type, value] = m ? [m[1], m[2]] : ['DNS', s];
  switch (type) {
    case 'IP': return der.implicit(7, ipBytes(value));
    case 'email': return der.implicit(1, Buffer.from(value, 'latin1'));
    case 'URI': return der.implicit(6, Buffer.from(value, 'latin1'));
    default: return der.implicit(2, Buffer.from(value, 'latin1'));
  }
}

function extension(oid: string, critical: boolean, value: der.Der): der.Der {
  return der.sequence(der.oid(oid), critical ? der.boolean(true) : undefined, der.octetString(value));
}

function sanExtension(san: readonly string[], subjectEmpty: boolean): der.Der {
  // RFC 5280 §4.2.1.6: critical when the subject is empty.
  return extension(OID.subjectAltName, subjectEmpty, der.sequence(...san.map(generalName)));
}

export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive
  b[0] |= 0x01; // and 16 bytes long: no leading zero octet to strip
  return b.toString('hex');
}

export async function createCertificate(spec: CertSpec): Promise<{ cert: CertificateFacts; keys: KeyPair }> {
  const keys = spec.keys ?? (await generateKeys(spec.key));
  const signingKeys = spec.issuer?.keys ?? keys;
  const { algorithm, sign: signWith } = signer(signingKeys.privateKey, spec.hash ?? 'SHA-256');
  const subject = typeof spec.subject === 'string' ? encodeName(spec.subject) : spec.subject;
  const spki = spkiOf(keys);
  const extensions: der.Der[] = [];
  if (spec.ca !== undefined) {
    extensions.push(extension(OID.basicConstraints, true, der.sequence(
      spec.ca ? der.boolean(true) : undefined,
      spec.ca && spec.pathLen !== undefined ? der.smallInteger(spec.pathLen) : undefined,
    )));
  }
  if (spec.keyUsage) extensions.push(extension(OID.keyUsage, true, der.namedBits(spec.keyUsage.map((u) => KEY_USAGE_BITS.indexOf(u)))));
  if (spec.extKeyUsage) extensions.push(extension(OID.extKeyUsage, false, der.sequence(...spec.extKeyUsage.map((e) => der.oid(EKU[e] ?? e)))));
  if (spec.san) extensions.push(sanExtension(spec.san, subject.length <= 2));
  if (spec.keyIds !== false) {
    extensions.push(extension(OID.subjectKeyIdentifier, false, der.octetString(keyIdOf(spki))));
    extensions.push(extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, issuerKeyId(spec.issuer, spki)))));
  }
  if (spec.ocspUrls?.length) {
    extensions.push(extension(OID.authorityInfoAccess, false, der.sequence(
      ...spec.ocspUrls.map((u) => der.sequence(der.oid(OID.ocsp), generalName(`URI:${u}`))),
    )));
  }
  const serial = spec.serial ?? randomSerial();
  if (!/^[0-9a-fA-F]+$/.test(serial)) throw new RangeError(`serial '${serial}' is not hexadecimal`);
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)),
    der.unsignedInteger(Buffer.from(serial.length % 2 ? '0' + serial : serial, 'hex')),
    algorithm,
    spec.issuer ? spec.issuer.cert.subject.der : subject,
    der.sequence(der.time(spec.notBefore), der.time(spec.notAfter)),
    subject,
    spki,
    extensions.length ? der.explicit(3, der.sequence(...extensions)) : undefined,
  );
  const cert = parseCertificate(der.sequence(tbs, algorithm, der.bitString(signWith(tbs))));
  return { cert, keys };
}

export async function createCsr(
  spec: { subject: string | Uint8Array; keys?: KeyPair; key?: KeySpec; san?: readonly string[]; hash?: Hash },
): Promise<{ csr: CsrFacts; keys: KeyPair }> {
  const keys = spec.keys ?? (await generateKeys(spec.key));
  const { algorithm, sign: signWith } = signer(keys.privateKey, spec.hash ?? 'SHA-256');
  const subject = typeof spec.subject === 'string' ? encodeName(spec.subject) : spec.subject;
  // attributes [0] IMPLICIT SET OF Attribute; an extensionRequest (PKCS#9) carries the SANs.
  const attributes = spec.san?.length
    ? der.tlv(0xa0, der.sequence(der.oid(OID.extensionRequest), der.set(der.sequence(sanExtension(spec.san, subject.length <= 2)))))
    : der.tlv(0xa0, new Uint8Array(0));
  const info = der.sequence(der.smallInteger(0), subject, spkiOf(keys), attributes);
  const csr = parseCsr(der.sequence(info, algorithm, der.bitString(signWith(info))));
  return { csr, keys };
}

/** PEM text: the label and the base64 of the bytes (or base64 as read) in 64-character lines. */
export function pem(label: string, bytes: Uint8Array | string): string {
  const b64 = (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64')).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** PKCS#8 PEM of a private key. Never log the result. */
export function privateKeyPem(keys: KeyPair): string {
  return keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** PKCS#8 DER of a private key (for a keystore). Never log the result. */
export function privateKeyDer(keys: KeyPair): Uint8Array {
  return keys.privateKey.export({ type: 'pkcs8', format: 'der' });
}

export function publicKeyPem(keys: KeyPair): string {
  return pem('PUBLIC KEY', spkiOf(keys));
}

/** The SubjectPublicKeyInfo of a key pair, as a certificate carries it. */
export function publicKeyDer(keys: KeyPair): Uint8Array {
  return spkiOf(keys);
}

export function certificatePem(cert: { der: Uint8Array }): string {
  return pem('CERTIFICATE', cert.der);
}

export function csrPem(csr: { der: Uint8Array }): string {
  return pem('CERTIFICATE REQUEST', csr.der);
}
