/**
 * Certificates out of Java keystores, enough to check what a keystore or truststore holds:
 * PKCS#12 (RFC 7292) with PBES2 (PBKDF2 + AES-CBC: what OpenSSL 3 and JDK 17 write) or no
 * encryption, and JKS (x509/jks.ts; Sun's format, whose certificates are not encrypted). Private
 * keys are never decrypted. Legacy PKCS#12 encryption (RC2/3DES with the PKCS#12 KDF) is reported
 * as unsupported. A malformed store is described in its own terms (KeystoreMalformed: which part
 * of the PFX, which safe, which bag), never with a parser's or Node's words.
 */
import { createDecipheriv } from 'node:crypto';
import { berToDer, children, content, ctx, DerError, DerNode, expectTag, parseOid, parseSmallInteger, parseString, readNode, TAG } from './der';
import { CertificateFacts, parseCertificate } from './certificate';
import { JCEKS_MAGIC, JKS_MAGIC, readJks } from './jks';
import { KeystoreMalformed, KeystoreRefused, KeystoreResult } from './keystoreTypes';
import { Derive, deriveAtOnce } from './keyDerivation';

export { KeystoreMalformed, KeystoreRefused, KeystoreResult } from './keystoreTypes';
export { readJks } from './jks';

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
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512',
  '1.2.840.113549.2.8': 'sha224',
};
const CIPHER: Record<string, { name: string; key: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', key: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', key: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', key: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', key: 24 },
};

/** Java refuses a PKCS#12 whose PBKDF2 iteration count is over this (jdk.internal…PKCS12KeyStore); so does TLS Lens. */
export const MAX_PBKDF2_ITERATIONS = 5_000_000;
/** PBKDF2 iterations one keystore may cost in all, across the passwords tried (≈ 3 s); an analysis as a whole has its own budget (keyDerivation.ts). */
export const PBKDF2_BUDGET = 6_000_000;

/**
 * One part of a PKCS#12 read: what fails inside is said as that part being malformed, with the
 * DER reason when there is one; nothing else of the error (a TypeError's words) is kept.
 */
function part<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof KeystoreMalformed || e instanceof KeystoreRefused) throw e;
    throw new KeystoreMalformed(`it is a PKCS#12 keystore whose ${what} is malformed${e instanceof DerError ? ` (${e.reason} at byte ${e.offset})` : ''}`);
  }
}

/** The children of a node, at least `count` of them (else the part is malformed). */
function fields(node: DerNode, count: number, what: string): DerNode[] {
  const c = children(node);
  if (c.length < count) throw new KeystoreMalformed(`it is a PKCS#12 keystore whose ${what} has ${c.length} of its ${count} fields`);
  return c;
}

/** What decrypting one PBES2-encrypted safe needs, read before any password is tried. */
interface Pbes2 { salt: Uint8Array; iterations: number; prf: string; cipher: { name: string; key: number }; iv: Uint8Array }

function pbes2Params(params: DerNode | undefined, what: string): Pbes2 {
  const [kdf, scheme] = fields(expectTag(params, TAG.SEQUENCE, 'PBES2-params'), 2, `${what}'s PBES2-params`);
  const [kdfOid, kdfParams] = fields(kdf, 2, `${what}'s keyDerivationFunc`);
  if (parseOid(kdfOid) !== OIDS.pbkdf2) {
    throw new KeystoreMalformed(`it is a PKCS#12 keystore whose ${what} uses PBES2 without PBKDF2, which TLS Lens does not read`);
  }
  const p = fields(expectTag(kdfParams, TAG.SEQUENCE, 'PBKDF2-params'), 2, `${what}'s PBKDF2-params`);
  const salt = content(expectTag(p[0], TAG.OCTET_STRING, 'salt'));
  const count = expectTag(p[1], TAG.INTEGER, 'iterationCount');
  // More than 4 bytes of count is beyond any budget: no need to read it exactly.
  const iterations = count.end - count.contentStart > 4 ? Number.MAX_SAFE_INTEGER : parseSmallInteger(count);
  if (iterations < 1) throw new KeystoreRefused(`its PBKDF2 iteration count (${iterations}) is not positive`);
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    throw new KeystoreRefused(
      `its PBKDF2 iteration count (${iterations === Number.MAX_SAFE_INTEGER ? 'over 2^32' : iterations.toLocaleString('en-US')}) is over `
        + `${MAX_PBKDF2_ITERATIONS.toLocaleString('en-US')}, which Java refuses to load`,
    );
  }
  const prfNode = p.find((x) => x.tag === TAG.SEQUENCE);
  const prf = prfNode ? PRF[parseOid(fields(prfNode, 1, `${what}'s prf`)[0])] ?? 'sha1' : 'sha1';
  const [cipherOid, iv] = fields(scheme, 2, `${what}'s encryptionScheme`);
  const cipher = CIPHER[parseOid(cipherOid)];
  if (!cipher) throw new KeystoreMalformed(`it is a PKCS#12 keystore whose ${what} is encrypted with a cipher TLS Lens does not read (${parseOid(cipherOid)})`);
  return { salt, iterations, prf, cipher, iv: content(expectTag(iv, TAG.OCTET_STRING, 'IV')) };
}

function pbes2Decrypt(p: Pbes2, data: Uint8Array, key: Buffer): Buffer {
  const d = createDecipheriv(p.cipher.name, key, p.iv);
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

function fromSafeContents(der: Uint8Array, out: SafeContents, what: string): void {
  const bags = part(what, () => children(readNode(berToDer(der), 0)));
  bags.forEach((bag, i) => part(`${what}'s SafeBag ${i + 1}`, () => {
    const [id, value, attributes] = fields(bag, 2, `${what}'s SafeBag ${i + 1}`);
    const bagId = parseOid(id);
    if (bagId === OIDS.keyBag || bagId === OIDS.shroudedKeyBag) { out.keys++; return; }
    if (bagId !== OIDS.certBag) return;
    const [certId, certValue] = fields(readNode(value.bytes, value.contentStart, value.end), 2, `${what}'s CertBag ${i + 1}`);
    if (parseOid(certId) !== OIDS.x509Certificate) return;
    const octets = readNode(certValue.bytes, certValue.contentStart, certValue.end);
    out.certs.push(parseCertificate(new Uint8Array(content(octets))));
    out.aliases.push(friendlyName(attributes));
  }));
}

/**
 * Reads a PKCS#12: its certificate bags, the encrypted ones with the first password that opens
 * them. Keys come from `derive`, which may have none yet (being derived, or the analysis's budget
 * spent): the result then says so (`deferred`) instead of what the passwords did.
 */
export function readPkcs12(ber: Uint8Array, passwords: readonly string[], derive: Derive = deriveAtOnce): KeystoreResult {
  const safes = part('PFX', () => {
    const [, authSafe] = fields(expectTag(readNode(berToDer(ber), 0), TAG.SEQUENCE, 'PFX'), 2, 'PFX');
    const [ctype, explicit] = fields(expectTag(authSafe, TAG.SEQUENCE, 'authSafe'), 2, 'authSafe');
    if (parseOid(ctype) !== OIDS.data) {
      throw new KeystoreMalformed('it is a PKCS#12 keystore whose authSafe is not PKCS#7 data (a public-key-protected PFX, which Java does not write)');
    }
    const octets = readNode(explicit.bytes, explicit.contentStart, explicit.end);
    return children(readNode(berToDer(content(octets)), 0));
  });
  const found: SafeContents = { certs: [], aliases: [], keys: 0 };
  let problem: string | undefined;
  let opened: string | undefined;
  let deferred: KeystoreResult['deferred'];
  let spent = 0;
  safes.forEach((ci, i) => {
    const safe = `safe ${i + 1}`;
    const { t, inner } = part(safe, () => {
      const [type, body] = fields(ci, 2, safe);
      return { t: parseOid(type), inner: readNode(body.bytes, body.contentStart, body.end) };
    });
    if (t === OIDS.data) {
      fromSafeContents(new Uint8Array(content(inner)), found, safe);
      return;
    }
    if (t !== OIDS.encryptedData) return;
    const enc = part(safe, () => {
      const [, eci] = fields(inner, 2, `${safe}'s EncryptedData`);
      const [, alg, data] = fields(eci, 3, `${safe}'s EncryptedContentInfo`);
      const [algOid, params] = fields(alg, 1, `${safe}'s contentEncryptionAlgorithm`);
      return { scheme: parseOid(algOid), params, data };
    });
    if (enc.scheme !== OIDS.pbes2) { problem = `encrypted with ${enc.scheme} (legacy PKCS#12 encryption: not read)`; return; }
    if (enc.data.tag !== ctx(0, false) && enc.data.tag !== ctx(0, true)) return;
    const data = part(safe, () => (enc.data.tag === ctx(0, false) ? content(enc.data) : Buffer.concat(children(enc.data).map((c) => content(c)))));
    const params = part(`${safe}'s PBES2-params`, () => pbes2Params(enc.params, safe));
    let done = false;
    for (const pw of passwords) {
      if ((spent += params.iterations) > PBKDF2_BUDGET) {
        problem = 'the certificates are encrypted with so many PBKDF2 iterations that TLS Lens tried only some of the known passwords, '
          + 'and none opened them';
        break;
      }
      const key = derive({ password: pw, salt: params.salt, iterations: params.iterations, keyLength: params.cipher.key, digest: params.prf });
      if (key === 'pending' || key === 'spent') { deferred = key === 'pending' ? 'pending' : 'budget'; break; }
      try {
        const plain = new Uint8Array(pbes2Decrypt(params, data, key));
        fromSafeContents(plain, found, safe);
        opened = pw;
        done = true;
        break;
      } catch {
        /* a wrong password: the padding or the content does not check out; the next one */
      }
    }
    if (!done && !deferred) problem ??= 'the certificates are encrypted and no known password opens them';
  });
  return {
    format: 'PKCS12', certs: found.certs, aliases: found.aliases, keyEntries: found.keys, ...(opened !== undefined ? { opened } : {}),
    ...(problem ? { problem } : {}), ...(deferred ? { deferred } : {}),
  };
}

/** Reads a keystore by its bytes (JKS magic, else PKCS#12); PKCS#12 keys from `derive`. */
export function readKeystore(bytes: Uint8Array, passwords: readonly string[], derive: Derive = deriveAtOnce): KeystoreResult {
  const magic = bytes.length >= 4 ? Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0) : undefined;
  if (magic === JKS_MAGIC) return readJks(bytes);
  if (magic === JCEKS_MAGIC) {
    throw new KeystoreMalformed('it is a JCEKS keystore, which TLS Lens does not read (convert it: keytool -importkeystore -deststoretype pkcs12)');
  }
  if (bytes.length === 0 || bytes[0] !== TAG.SEQUENCE) {
    throw new KeystoreMalformed('it is neither a JKS keystore (which starts with FEEDFEED) nor a PKCS#12 one (a DER SEQUENCE)');
  }
  return readPkcs12(bytes, passwords, derive);
}
