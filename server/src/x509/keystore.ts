/**
 * Certificates out of Java keystores, enough to check what a keystore or truststore holds:
 * PKCS#12 (RFC 7292) with PBES2 (PBKDF2 + AES-CBC: what OpenSSL 3 and JDK 17 write) or no
 * encryption, and JKS (Sun's format, whose certificates are not encrypted). Private keys are never
 * decrypted. Legacy PKCS#12 encryption (RC2/3DES with the PKCS#12 KDF) is reported as unsupported.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { berToDer, children, content, ctx, DerNode, expectTag, parseOid, parseSmallInteger, parseString, readNode, TAG } from './der';
import { CertificateFacts, parseCertificate } from './certificate';

export interface KeystoreResult {
  readonly format: 'PKCS12' | 'JKS';
  readonly certs: readonly CertificateFacts[];
  /**
   * JKS: each private-key entry's chain, as indexes into `certs`, in the order the entry holds it
   * (the order Java presents it). PKCS#12 stores have none: Java builds the chain from the bags by
   * issuer, in any order.
   */
  readonly chains?: readonly (readonly number[])[];
  /** Set when some content could not be read (wrong password, unsupported encryption). */
  readonly problem?: string;
  /** Private-key entries (PKCS#12 key bags; JKS key entries). */
  readonly keyEntries: number;
  /** Per certificate (same indexes as `certs`): its alias (PKCS#12 friendlyName, JKS alias). */
  readonly aliases: readonly (string | undefined)[];
  /** The password that decrypted the certificates (PKCS#12 with encrypted certificates). */
  readonly opened?: string;
}

const OIDS = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  certBag: '1.2.840.113549.1.12.10.1.3',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  friendlyName: '1.2.840.113549.1.9.20',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
};
const PRF: Record<string, string> = { '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512', '1.2.840.113549.2.8': 'sha224' };
const CIPHER: Record<string, { name: string; key: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', key: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', key: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', key: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', key: 24 },
};

/** Java refuses a PKCS#12 whose PBKDF2 iteration count is over this (jdk.internal…PKCS12KeyStore); so does TLS Lens. */
export const MAX_PBKDF2_ITERATIONS = 5_000_000;
/** PBKDF2 iterations one keystore may cost in all, across the passwords tried (≈ 3 s). */
export const PBKDF2_BUDGET = 6_000_000;

export class KeystoreRefused extends Error {}

function pbes2Iterations(params: DerNode): number {
  const [kdf] = children(expectTag(params, TAG.SEQUENCE, 'PBES2-params'));
  const [, kdfParams] = children(kdf);
  const p = children(kdfParams);
  const node = expectTag(p[1], TAG.INTEGER, 'iterationCount');
  // More than 4 bytes of count is beyond any budget: no need to read it exactly.
  return node.end - node.contentStart > 4 ? Number.MAX_SAFE_INTEGER : parseSmallInteger(node);
}

function pbes2Decrypt(params: DerNode, data: Uint8Array, password: string): Buffer {
  const [kdf, scheme] = children(expectTag(params, TAG.SEQUENCE, 'PBES2-params'));
  const [kdfOid, kdfParams] = children(kdf);
  if (parseOid(kdfOid) !== OIDS.pbkdf2) throw new Error('PBES2 without PBKDF2');
  const p = children(kdfParams);
  const salt = content(expectTag(p[0], TAG.OCTET_STRING, 'salt'));
  const iterations = parseSmallInteger(expectTag(p[1], TAG.INTEGER, 'iterationCount'));
  const prfNode = p.find((x) => x.tag === TAG.SEQUENCE);
  const prf = prfNode ? PRF[parseOid(children(prfNode)[0])] ?? 'sha1' : 'sha1';
  const [cipherOid, iv] = children(scheme);
  const cipher = CIPHER[parseOid(cipherOid)];
  if (!cipher) throw new Error(`unsupported cipher ${parseOid(cipherOid)}`);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.key, prf);
  const d = createDecipheriv(cipher.name, key, content(expectTag(iv, TAG.OCTET_STRING, 'IV')));
  return Buffer.concat([d.update(data), d.final()]);
}

interface SafeContents { certs: CertificateFacts[]; aliases: (string | undefined)[]; keys: number }

/** A bag's friendlyName attribute, if it has one. */
function friendlyName(attributes: DerNode | undefined): string | undefined {
  if (!attributes) return undefined;
  for (const a of children(attributes)) {
    const [id, values] = children(a);
    if (id && values && parseOid(id) === OIDS.friendlyName) { const [v] = children(values); if (v) return parseString(v); }
  }
  return undefined;
}

function fromSafeContents(der: Uint8Array, out: SafeContents): void {
  for (const bag of children(readNode(berToDer(der), 0))) {
    const [id, value, attributes] = children(bag);
    const bagId = parseOid(id);
    if (bagId === OIDS.keyBag || bagId === OIDS.shroudedKeyBag) { out.keys++; continue; }
    if (bagId !== OIDS.certBag) continue;
    const certBag = readNode(value.bytes, value.contentStart, value.end);
    const [certId, certValue] = children(certBag);
    if (parseOid(certId) !== OIDS.x509Certificate) continue;
    const octets = readNode(certValue.bytes, certValue.contentStart, certValue.end);
    out.certs.push(parseCertificate(new Uint8Array(content(octets))));
    out.aliases.push(friendlyName(attributes));
  }
}

export function readPkcs12(ber: Uint8Array, passwords: readonly string[]): KeystoreResult {
  const root = readNode(berToDer(ber), 0);
  const [, authSafe] = children(expectTag(root, TAG.SEQUENCE, 'PFX'));
  const [ctype, explicit] = children(expectTag(authSafe, TAG.SEQUENCE, 'authSafe'));
  if (parseOid(ctype) !== OIDS.data) throw new Error('authSafe is not data');
  const octets = readNode(explicit.bytes, explicit.contentStart, explicit.end);
  const safes = readNode(berToDer(content(octets)), 0);
  const found: SafeContents = { certs: [], aliases: [], keys: 0 };
  let problem: string | undefined;
  let opened: string | undefined;
  let spent = 0;
  for (const ci of children(safes)) {
    const [type, body] = children(ci);
    const t = parseOid(type);
    const inner = readNode(body.bytes, body.contentStart, body.end);
    if (t === OIDS.data) {
      fromSafeContents(new Uint8Array(content(inner)), found);
    } else if (t === OIDS.encryptedData) {
      const [, eci] = children(inner);
      const [, alg, enc] = children(eci);
      const [algOid, params] = children(alg);
      if (parseOid(algOid) !== OIDS.pbes2) { problem = `encrypted with ${parseOid(algOid)} (legacy PKCS#12 encryption: not read)`; continue; }
      if (enc.tag !== ctx(0, false) && enc.tag !== ctx(0, true)) continue;
      const data = enc.tag === ctx(0, false) ? content(enc) : Buffer.concat(children(enc).map((c) => content(c)));
      const iterations = pbes2Iterations(params);
      if (iterations < 1) throw new KeystoreRefused(`its PBKDF2 iteration count (${iterations}) is not positive`);
      if (iterations > MAX_PBKDF2_ITERATIONS) throw new KeystoreRefused(`its PBKDF2 iteration count (${iterations === Number.MAX_SAFE_INTEGER ? 'over 2^32' : iterations.toLocaleString('en-US')}) is over ${MAX_PBKDF2_ITERATIONS.toLocaleString('en-US')}, which Java refuses to load`);
      let done = false;
      for (const pw of passwords) {
        if ((spent += iterations) > PBKDF2_BUDGET) { problem = 'the certificates are encrypted with so many PBKDF2 iterations that TLS Lens tried only some of the known passwords, and none opened them'; break; }
        try {
          const plain = new Uint8Array(pbes2Decrypt(params, data, pw));
          fromSafeContents(plain, found);
          opened = pw;
          done = true;
          break;
        } catch {
          /* next password */
        }
      }
      if (!done) problem ??= 'the certificates are encrypted and no known password opens them';
    }
  }
  return { format: 'PKCS12', certs: found.certs, aliases: found.aliases, keyEntries: found.keys, ...(opened !== undefined ? { opened } : {}), ...(problem ? { problem } : {}) };
}

/** JKS: magic FEEDFEED, version 2; trusted-certificate and private-key entries with their chains. */
export function readJks(bytes: Uint8Array): KeystoreResult {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  const u32 = () => { const v = b.readUInt32BE(p); p += 4; return v; };
  const utf = () => { const n = b.readUInt16BE(p); p += 2; const s = b.toString('utf8', p, p + n); p += n; return s; };
  if (u32() !== 0xfeedfeed) throw new Error('not a JKS keystore');
  const version = u32();
  if (version !== 1 && version !== 2) throw new Error(`JKS version ${version}`);
  const count = u32();
  const certs: CertificateFacts[] = [];
  const chains: number[][] = [];
  const aliases: (string | undefined)[] = [];
  let alias = '';
  let keyEntries = 0;
  const cert = () => {
    if (version === 2) utf(); // certificate type, "X.509"
    const n = u32();
    const der = new Uint8Array(b.subarray(p, p + n));
    p += n;
    certs.push(parseCertificate(der));
    aliases.push(alias);
  };
  for (let i = 0; i < count; i++) {
    const tag = u32();
    alias = utf();
    p += 8; // timestamp
    if (tag === 1) {
      keyEntries++;
      const n = u32();
      p += n; // the protected key: never decrypted
      const chain = u32();
      const indexes: number[] = [];
      for (let j = 0; j < chain; j++) { indexes.push(certs.length); cert(); }
      chains.push(indexes);
    } else if (tag === 2) {
      cert();
    } else {
      throw new Error(`JKS entry tag ${tag}`);
    }
  }
  return { format: 'JKS', certs, chains, aliases, keyEntries };
}

/** Reads a keystore by its bytes (JKS magic, else PKCS#12). */
export function readKeystore(bytes: Uint8Array, passwords: readonly string[]): KeystoreResult {
  if (bytes.length >= 4 && bytes[0] === 0xfe && bytes[1] === 0xed && bytes[2] === 0xfe && bytes[3] === 0xed) return readJks(bytes);
  return readPkcs12(bytes, passwords);
}
