import { createPublicKey, KeyObject } from 'node:crypto';
import { children, content, DerNode, encoded, expectTag, parseOid, readNode, TAG } from './der';
import { CURVE_BITS, CURVES, OID } from './oids';

export interface PublicKeyFacts {
  /** RSA, EC, Ed25519, Ed448, DSA, RSA-PSS, or the OID. */
  readonly algorithm: string;
  /** Modulus bits for RSA/DSA; curve size for EC; 256/456 for Ed25519/Ed448. */
  readonly bits?: number;
  readonly curve?: string;
  /** The SubjectPublicKeyInfo as encoded. */
  readonly spki: Uint8Array;
}

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

export function parseSpki(node: DerNode): PublicKeyFacts {
  const [algId, keyBits] = children(expectTag(node, TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  const [algOidNode, params] = children(expectTag(algId, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  const oid = parseOid(expectTag(algOidNode, TAG.OID, 'algorithm'));
  expectTag(keyBits, TAG.BIT_STRING, 'subjectPublicKey');
  const spki = encoded(node);
  switch (oid) {
    case OID.rsaEncryption:
    case OID.rsassaPss: {
      const keyBytes = content(keyBits).subarray(1);
      const rsaKey = readNode(keyBytes, 0);
      const [modulus] = children(expectTag(rsaKey, TAG.SEQUENCE, 'RSAPublicKey'));
      const bits = bitLength(content(expectTag(modulus, TAG.INTEGER, 'modulus')));
      return { algorithm: oid === OID.rsaEncryption ? 'RSA' : 'RSA-PSS', bits, spki };
    }
    case OID.ecPublicKey: {
      const curveOid = params && params.tag === TAG.OID ? parseOid(params) : undefined;
      const curve = curveOid ? (CURVES[curveOid] ?? curveOid) : 'explicit parameters';
      return { algorithm: 'EC', curve, bits: CURVE_BITS[curve], spki };
    }
    case OID.ed25519:
      return { algorithm: 'Ed25519', bits: 256, spki };
    case OID.ed448:
      return { algorithm: 'Ed448', bits: 456, spki };
    case OID.dsa: {
      let bits: number | undefined;
      if (params && params.tag === TAG.SEQUENCE) {
        const [p] = children(params);
        bits = p ? bitLength(content(p)) : undefined;
      }
      return { algorithm: 'DSA', bits, spki };
    }
    default:
      return { algorithm: oid, spki };
  }
}

export function describeKey(k: { algorithm: string; bits?: number; curve?: string }): string {
  if (k.algorithm === 'EC') return `EC ${k.curve ?? ''}`.trim();
  if (k.algorithm === 'Ed25519' || k.algorithm === 'Ed448') return k.algorithm;
  return k.bits ? `${k.algorithm} ${k.bits} bits` : k.algorithm;
}

const keyObjects = new WeakMap<Uint8Array, KeyObject | null>();

/** node:crypto's view of an SPKI, or null when node cannot load it. Cached per SPKI buffer. */
export function spkiKeyObject(spki: Uint8Array): KeyObject | null {
  let k = keyObjects.get(spki);
  if (k === undefined) {
    try {
      k = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: 'der', type: 'spki' });
    } catch {
      k = null;
    }
    keyObjects.set(spki, k);
  }
  return k;
}
