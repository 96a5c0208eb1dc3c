import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { children, expectTag, parseOid, readNode, TAG } from './der';
import { CURVE_BITS } from './oids';
import { parseSpki, PublicKeyFacts, spkiKeyObject } from './publicKey';

export type PrivateKeyFormat = 'pkcs8' | 'pkcs1' | 'sec1';

export interface PrivateKeyFacts {
  readonly kind: 'private';
  readonly encrypted: false;
  readonly algorithm: string;
  readonly bits?: number;
  readonly curve?: string;
  /** The public half, as SubjectPublicKeyInfo: what a certificate for this key carries. */
  readonly publicSpki: Uint8Array;
}

export interface EncryptedKeyFacts {
  readonly kind: 'private';
  readonly encrypted: true;
  /** How it is protected: PBES2 with AES-256-CBC, legacy PEM DES-EDE3-CBC, … */
  readonly protection: string;
}

const ALGORITHMS: Record<string, string> = {
  rsa: 'RSA', 'rsa-pss': 'RSA-PSS', ec: 'EC', ed25519: 'Ed25519', ed448: 'Ed448', dsa: 'DSA', x25519: 'X25519', x448: 'X448',
};
const NODE_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };

/**
 * Loads an unencrypted private key with node:crypto and keeps only its public facts: the key
 * material never leaves this function.
 */
export function parsePrivateKey(der: Uint8Array, format: PrivateKeyFormat): PrivateKeyFacts {
  // DER structure first, so that truncation gives a precise message rather than OpenSSL's.
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new Error(`${der.length - root.end} bytes after the key`);
  expectTag(root, TAG.SEQUENCE, 'private key');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: format });
  } catch (e) {
    throw new Error(`not a valid ${format.toUpperCase()} private key (${(e as Error).message.replace(/^error:[^:]*:/, '')})`);
  }
  const pub = createPublicKey(key);
  const spki = new Uint8Array(pub.export({ format: 'der', type: 'spki' }));
  const facts = parseSpki(readNode(spki, 0));
  const details = key.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve ? (NODE_CURVES[details.namedCurve] ?? details.namedCurve) : facts.curve;
  return {
    kind: 'private',
    encrypted: false,
    algorithm: ALGORITHMS[key.asymmetricKeyType ?? ''] ?? facts.algorithm,
    bits: details.modulusLength ?? (curve ? CURVE_BITS[curve] : facts.bits),
    curve,
    publicSpki: spki,
  };
}

const PBE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.5.13': 'PBES2',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC',
};
const CIPHERS: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'AES-128-CBC',
  '2.16.840.1.101.3.4.1.22': 'AES-192-CBC',
  '2.16.840.1.101.3.4.1.42': 'AES-256-CBC',
  '1.2.840.113549.3.7': 'DES-EDE3-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
};

/** EncryptedPrivateKeyInfo (RFC 5958): checks the structure and names the protection, without a password. */
export function parseEncryptedPrivateKey(der: Uint8Array): EncryptedKeyFacts {
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new Error(`${der.length - root.end} bytes after the key`);
  const [algId, data] = children(expectTag(root, TAG.SEQUENCE, 'EncryptedPrivateKeyInfo'));
  const [oidNode, params] = children(expectTag(algId, TAG.SEQUENCE, 'encryptionAlgorithm'));
  expectTag(data, TAG.OCTET_STRING, 'encryptedData');
  const oid = parseOid(expectTag(oidNode, TAG.OID, 'encryption algorithm'));
  let protection = PBE_NAMES[oid] ?? oid;
  if (protection === 'PBES2' && params) {
    try {
      const [, scheme] = children(params);
      const cipher = parseOid(children(scheme)[0]);
      protection = `PBES2 with ${CIPHERS[cipher] ?? cipher}`;
    } catch {
      /* the name alone is enough */
    }
  }
  return { kind: 'private', encrypted: true, protection };
}

export function parsePublicKey(der: Uint8Array): PublicKeyFacts {
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new Error(`${der.length - root.end} bytes after the key`);
  return parseSpki(root);
}

/** Whether two SubjectPublicKeyInfos hold the same key (compares node:crypto key objects). */
export function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0) return true;
  const ka = spkiKeyObject(a);
  const kb = spkiKeyObject(b);
  return !!ka && !!kb && ka.equals(kb);
}
