/**
 * TLS Lens writes certificates and CSRs with its own DER writer. Two parsers it did not write read
 * them back: node's X509Certificate (OpenSSL) and @peculiar/x509 (asn1-schema); openssl verify,
 * keytool and a handshake check them further in test/integration/generate.test.ts.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import * as der from '../../server/src/x509/encode';
import { createCertificate, createCsr, csrPem, generateKeys, privateKeyPem, publicKeyDer } from '../../server/src/x509/generate';
import { encodeName, parseName } from '../../server/src/x509/name';
import { readNode } from '../../server/src/x509/der';
import { pkcs12MacKey, sha256Iterated } from '../../server/src/generate/pkcs12Kdf';

x509.cryptoProvider.set(webcrypto as never);

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const day = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');

describe('DER writer (X.690)', () => {
  it('lengths: short form below 128, long form above', () => {
    assert.equal(hex(der.octetString(new Uint8Array(3))), '0403000000');
    assert.equal(hex(der.octetString(new Uint8Array(200))).slice(0, 6), '0481c8');
    assert.equal(hex(der.octetString(new Uint8Array(300))).slice(0, 8), '0482012c');
  });

  it('integers are minimal and positive', () => {
    assert.equal(hex(der.smallInteger(0)), '020100');
    assert.equal(hex(der.smallInteger(127)), '02017f');
    assert.equal(hex(der.smallInteger(128)), '02020080');
    assert.equal(hex(der.smallInteger(65537)), '0203010001');
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0, 0, 0x7f))), '02017f');
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0xff))), '020200ff');
  });

  it('object identifiers, with arcs above 127', () => {
    assert.equal(hex(der.oid('2.5.29.17')), '0603551d11');
    assert.equal(hex(der.oid('1.2.840.113549.1.1.11')), '06092a864886f70d01010b');
    assert.equal(hex(der.oid('2.16.840.1.113894.746875.1.1')), '060c6086480186f966adca7b0101'); // openssl asn1parse -genstr OID:…
    assert.throws(() => der.oid('1'), /not an OID/);
  });

  it('named bits drop trailing zeros (keyUsage digitalSignature = 03 02 07 80)', () => {
    assert.equal(hex(der.namedBits([0])), '03020780');
    assert.equal(hex(der.namedBits([5, 6])), '03020106'); // keyCertSign + cRLSign
    assert.equal(hex(der.namedBits([0, 8])), '0303078080'); // decipherOnly: a second byte
  });

  it('times: UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    assert.equal(Buffer.from(der.time(new Date('2049-12-31T23:59:59Z'))).toString('latin1').slice(2), '491231235959Z');
    assert.equal(Buffer.from(der.time(new Date('2050-01-01T00:00:00Z'))).toString('latin1').slice(2), '20500101000000Z');
  });

  it('names: RFC 4514 text in, DER out (most specific first in text, last in DER), escapes kept', () => {
    const name = parseName(readNode(encodeName('CN=a\\, b+UID=x, O=Example Org, C=US'), 0));
    assert.equal(name.text, 'CN=a\\, b+UID=x, O=Example Org, C=US');
    assert.equal(name.rdns[0][0].type, 'C');
    assert.throws(() => encodeName('CN=x, nonsense'), /not TYPE=value/);
    assert.throws(() => encodeName('XX=x'), /unknown attribute/);
  });
});

describe('certificates read back by node (OpenSSL) and @peculiar/x509', () => {
  it('a root, an intermediate and a leaf with DNS, IPv4 and IPv6 names chain and carry their extensions', async () => {
    const root = await createCertificate({ subject: 'CN=Writer Root, O=TLS Lens', key: { type: 'ec', curve: 'P-384' }, notBefore: now, notAfter: new Date(now.getTime() + 3650 * day), ca: true, keyUsage: ['keyCertSign', 'cRLSign'], hash: 'SHA-384' });
    const inter = await createCertificate({ subject: 'CN=Writer Intermediate', key: { type: 'rsa', bits: 2048 }, issuer: root, notBefore: now, notAfter: new Date(now.getTime() + 1000 * day), ca: true, pathLen: 0, keyUsage: ['keyCertSign', 'cRLSign'], hash: 'SHA-384' });
    const leaf = await createCertificate({ subject: 'CN=app.example.com', key: { type: 'ed25519' }, issuer: inter, notBefore: now, notAfter: new Date('2060-01-01T00:00:00Z'), san: ['app.example.com', 'DNS:*.app.example.com', 'IP:10.0.0.1', 'IP:2001:db8::1', 'IP:::ffff:192.0.2.1'], ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth', 'clientAuth'] });

    const n = (c: { der: Uint8Array }) => new X509Certificate(Buffer.from(c.der));
    assert.ok(n(root.cert).verify(n(root.cert).publicKey), 'root self-signature (node)');
    assert.ok(n(inter.cert).verify(n(root.cert).publicKey) && n(inter.cert).checkIssued(n(root.cert)), 'intermediate under root (node)');
    assert.ok(n(leaf.cert).verify(n(inter.cert).publicKey) && n(leaf.cert).checkIssued(n(inter.cert)), 'leaf under intermediate (node)');
    assert.equal(n(leaf.cert).subjectAltName, 'DNS:app.example.com, DNS:*.app.example.com, IP Address:10.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1, IP Address:0:0:0:0:0:FFFF:C000:201');
    assert.deepEqual(n(leaf.cert).keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    assert.ok(n(root.cert).ca && n(inter.cert).ca && !n(leaf.cert).ca);
    assert.ok(n(leaf.cert).validTo.includes('2060'), 'GeneralizedTime after 2049');

    const p = (c: { der: Uint8Array }) => new x509.X509Certificate(Buffer.from(c.der));
    const pl = p(leaf.cert);
    assert.equal(pl.subject, 'CN=app.example.com');
    assert.equal(pl.issuer, 'CN=Writer Intermediate');
    // @peculiar/x509 prints a name in encoding order: CN is encoded last, as OpenSSL and CAs write it.
    assert.equal(p(root.cert).subject, 'O=TLS Lens, CN=Writer Root');
    const bc = p(inter.cert).getExtension(x509.BasicConstraintsExtension)!;
    assert.ok(bc.ca && bc.pathLength === 0 && bc.critical);
    assert.equal(p(inter.cert).getExtension(x509.KeyUsagesExtension)!.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    assert.equal(pl.getExtension(x509.KeyUsagesExtension)!.usages, x509.KeyUsageFlags.digitalSignature);
    assert.ok(pl.getExtension(x509.BasicConstraintsExtension)!.ca === false);
    // SKI is SHA-1 of the key bits (RFC 5280 §4.2.1.2 method 1); each AKI names its issuer's SKI.
    const ski = (c: { der: Uint8Array }) => p(c).getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
    const aki = (c: { der: Uint8Array }) => p(c).getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId;
    assert.equal(aki(leaf.cert), ski(inter.cert));
    assert.equal(aki(inter.cert), ski(root.cert));
    assert.equal(aki(root.cert), ski(root.cert));
    const spki = publicKeyDer(leaf.keys);
    assert.equal(ski(leaf.cert), createHash('sha1').update(spki.subarray(spki.length - 32)).digest('hex'));
    assert.ok(await pl.verify({ publicKey: p(inter.cert).publicKey, signatureOnly: true }), '@peculiar/x509 verifies the leaf');
    // The serial is 16 random bytes and positive.
    assert.equal(n(leaf.cert).serialNumber.length, 32);
    assert.ok(parseInt(n(leaf.cert).serialNumber[0], 16) < 8);
  });

  it('the signature algorithm follows the signer: sha256WithRSA, ecdsa-with-SHA256, Ed25519, and MD5 for legacy fixtures', async () => {
    for (const [key, hash, name] of [
      [{ type: 'rsa', bits: 2048 }, 'SHA-256', 'sha256WithRSAEncryption'],
      [{ type: 'ec', curve: 'P-256' }, 'SHA-256', 'ecdsa-with-SHA256'],
      [{ type: 'ed25519' }, 'SHA-256', 'Ed25519'],
      [{ type: 'rsa', bits: 2048 }, 'MD5', 'md5WithRSAEncryption'],
    ] as const) {
      const c = await createCertificate({ subject: 'CN=alg', key, hash, notBefore: now, notAfter: new Date(now.getTime() + day) });
      assert.equal(c.cert.signatureAlgorithm.name, name);
      assert.ok(new X509Certificate(Buffer.from(c.cert.der)).verify(createPublicKey(privateKeyPem(c.keys))), `${name} verifies`);
    }
    await assert.rejects(createCertificate({ subject: 'CN=x', key: { type: 'ec', curve: 'P-256' }, hash: 'MD5', notBefore: now, notAfter: now }), /ECDSA does not sign with MD5/);
  });

  it('Authority Information Access with an OCSP URL: node reads it, and so does the parser the rules use', async () => {
    const c = await createCertificate({ subject: 'CN=ocsp.example.com', notBefore: now, notAfter: new Date(now.getTime() + day), san: ['ocsp.example.com'], ocspUrls: ['http://ocsp.example.net/'] });
    assert.equal(new X509Certificate(Buffer.from(c.cert.der)).infoAccess?.trim(), 'OCSP - URI:http://ocsp.example.net/');
    assert.deepEqual(c.cert.ext.ocspUrls, ['http://ocsp.example.net/']);
    const none = await createCertificate({ subject: 'CN=none', notBefore: now, notAfter: new Date(now.getTime() + day) });
    assert.equal(none.cert.ext.ocspUrls, undefined);
  });

  it('a renewal keeps the subject byte for byte (a Name given as DER)', async () => {
    const a = await createCertificate({ subject: 'CN=keep, O=Same, C=DE', notBefore: now, notAfter: new Date(now.getTime() + day) });
    const b = await createCertificate({ subject: a.cert.subject.der, notBefore: now, notAfter: new Date(now.getTime() + day) });
    assert.equal(hex(b.cert.subject.der), hex(a.cert.subject.der));
  });

  it('a CSR with SANs is read by @peculiar/x509 and its signature verifies', async () => {
    const { csr, keys } = await createCsr({ subject: 'CN=req.example.com', key: { type: 'ec', curve: 'P-256' }, san: ['req.example.com', 'IP:192.0.2.7'] });
    const parsed = new x509.Pkcs10CertificateRequest(csrPem(csr));
    assert.equal(parsed.subject, 'CN=req.example.com');
    assert.ok(await parsed.verify());
    const names = new x509.SubjectAlternativeNameExtension(parsed.getExtension('2.5.29.17')!.rawData).names.items.map((i) => `${i.type}:${i.value}`);
    assert.deepEqual(names, ['dns:req.example.com', 'ip:192.0.2.7']);
    assert.ok(privateKeyPem(keys).startsWith('-----BEGIN PRIVATE KEY-----'));
  });

  it('keys: P-256, P-384, RSA and Ed25519 pairs from node:crypto', async () => {
    assert.equal((await generateKeys({ type: 'ec', curve: 'P-384' })).privateKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    assert.equal((await generateKeys({ type: 'rsa', bits: 2048 })).privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal((await generateKeys({ type: 'ed25519' })).privateKey.asymmetricKeyType, 'ed25519');
  });
});

describe('PKCS#12 MAC key (RFC 7292 B.2)', () => {
  it('the iterated SHA-256 equals node:crypto hashing the same number of times', () => {
    let d = createHash('sha256').update('seed').digest();
    const start = d;
    for (let i = 1; i <= 1000; i++) {
      d = createHash('sha256').update(d).digest();
      if ([1, 2, 63, 64, 65, 1000].includes(i)) assert.equal(hex(sha256Iterated(start, i)), hex(d), `after ${i}`);
    }
    assert.equal(hex(sha256Iterated(start, 0)), hex(start));
  });

  it('matches the derivation written out from the RFC with node:crypto (ID 3, one block)', () => {
    const salt = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    const password = 'pässword';
    const bmp = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
    const fill = (b: Buffer) => Buffer.from(Array.from({ length: 64 * Math.ceil(b.length / 64) }, (_, i) => b[i % b.length]));
    let a = createHash('sha256').update(Buffer.alloc(64, 3)).update(fill(salt)).update(fill(bmp)).digest();
    for (let i = 1; i < 2048; i++) a = createHash('sha256').update(a).digest();
    assert.equal(hex(pkcs12MacKey(password, salt, 2048)), hex(a));
    assert.throws(() => pkcs12MacKey(password, salt, 0), /positive/);
  });
});
