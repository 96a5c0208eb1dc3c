/**
 * PKCS#12 keystores and truststores (RFC 7292) with pkijs, in the form both `keytool` (Java 17)
 * and `openssl pkcs12` (3.0, no -legacy) read: PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC,
 * a MAC with HMAC-SHA-256, 10,000 iterations (never RC2-40, which OpenSSL 3 refuses).
 * - a keystore: the private key in a PKCS8ShroudedKeyBag and the chain in CertBags, with
 *   friendlyName = alias and the same localKeyId on the key and its certificate;
 * - a truststore: CA certificates in CertBags carrying Oracle's trusted-key-usage attribute
 *   (2.16.840.1.113894.746875.1.1 = anyExtendedKeyUsage), without which Java lists 0 entries.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, createHmac, webcrypto } from 'node:crypto';
import { pkcs12MacKey } from './pkcs12Kdf';

/**
 * pkijs over node's WebCrypto, except the MAC: pkijs derives its key in JavaScript SHA-256
 * (40 ms a store at 10,000 iterations); pkcs12Kdf.ts does it in 3 ms and node:crypto's HMAC signs.
 */
class Engine extends pkijs.CryptoEngine {
  override async stampDataWithPassword(p: {
    password: ArrayBuffer; hashAlgorithm: string; salt: ArrayBuffer; iterationCount: number; contentToStamp: ArrayBuffer;
  }): Promise<ArrayBuffer> {
    if (p.hashAlgorithm.toUpperCase() !== 'SHA-256') return super.stampDataWithPassword(p);
    const key = pkcs12MacKey(Buffer.from(p.password).toString('utf8'), new Uint8Array(p.salt), p.iterationCount);
    return ab(createHmac('sha256', key).update(new Uint8Array(p.contentToStamp)).digest());
  }
}

pkijs.setEngine('tls-lens', new Engine({ name: 'tls-lens', crypto: webcrypto as never }));

export const PKCS12_ITERATIONS = 10_000;
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ORACLE_TRUSTED_KEY_USAGE = '2.16.840.1.113894.746875.1.1';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

function ab(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

/** A CertBag holding the certificate's DER as it is (pkijs would parse and re-encode it, slowly). */
function certBag(der: Uint8Array): pkijs.CertBag {
  return new pkijs.CertBag({ certId: X509_CERTIFICATE, certValue: new asn1js.OctetString({ valueHex: ab(der) }) });
}

function attributes(alias: string, localKeyId?: ArrayBuffer, trusted = false): pkijs.Attribute[] {
  const out = [new pkijs.Attribute({ type: FRIENDLY_NAME, values: [new asn1js.BmpString({ value: alias })] })];
  if (localKeyId) out.push(new pkijs.Attribute({ type: LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] }));
  if (trusted) out.push(new pkijs.Attribute({ type: ORACLE_TRUSTED_KEY_USAGE, values: [new asn1js.ObjectIdentifier({ value: ANY_EXTENDED_KEY_USAGE })] }));
  return out;
}

function encryption(password: string) {
  return {
    password: ab(Buffer.from(password, 'utf8')),
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as never,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: PKCS12_ITERATIONS,
  };
}

async function seal(
  safeContents: { privacyMode: number; value: pkijs.SafeContents }[], password: string, shrouded?: pkijs.PKCS8ShroudedKeyBag,
): Promise<Uint8Array> {
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe: new pkijs.AuthenticatedSafe({ parsedValue: { safeContents } }) } });
  if (shrouded) await shrouded.makeInternalValues(encryption(password));
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: safeContents.map((s) => (s.privacyMode === 1 ? encryption(password) : {})) });
  await pfx.makeInternalValues({
    password: ab(Buffer.from(password, 'utf8')), iterations: PKCS12_ITERATIONS, pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/**
 * A keystore: the key (PKCS#8 DER) and its chain (leaf first, DER), under `alias`. The
 * certificates are encrypted too, as OpenSSL 3 and the JDK write them.
 */
export async function keystore(pkcs8: Uint8Array, chain: readonly Uint8Array[], alias: string, password: string): Promise<Uint8Array> {
  const localKeyId = ab(createHash('sha1').update(chain[0]).digest());
  const shrouded = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(ab(pkcs8)) });
  const keyBag = new pkijs.SafeBag({ bagId: BAG_SHROUDED_KEY, bagValue: shrouded, bagAttributes: attributes(alias, localKeyId) });
  const certBags = chain.map((der, i) => new pkijs.SafeBag({
    bagId: BAG_CERT,
    bagValue: certBag(der),
    // The leaf carries the alias and the key's id; the chain certificates only their place.
    bagAttributes: i === 0 ? attributes(alias, localKeyId) : [],
  }));
  return seal([
    { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
    { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
  ], password, shrouded);
}

/** A truststore of CA certificates (DER), each a trusted entry under its alias. */
export async function truststore(cas: readonly { der: Uint8Array; alias: string }[], password: string): Promise<Uint8Array> {
  const bags = cas.map((c) => new pkijs.SafeBag({ bagId: BAG_CERT, bagValue: certBag(c.der), bagAttributes: attributes(c.alias, undefined, true) }));
  return seal([{ privacyMode: 1, value: new pkijs.SafeContents({ safeBags: bags }) }], password);
}
