/**
 * Writes the PEM fixtures (test/fixtures/pem) and the example workspace's certificates
 * (examples/certs) from a fixed clock. Run: npm run gen:fixtures. The output is committed; keys
 * are throwaway test keys, written 0600 like every key TLS Lens writes.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { createPrivateKey, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  certificatePem, createCertificate, createCsr, CertSpec, generateKeys, Issuer, privateKeyPem, publicKeyPem, csrPem, x509,
} from '../../server/src/x509/generate';
import { days, FIXTURE_NOW } from '../helpers/clock';

const ROOT = path.resolve(__dirname, '../../..');
const EX = path.join(ROOT, 'examples');

function write(file: string, text: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
}

const header = (lines: string[]) => lines.map((l) => `# ${l}`).join('\n') + '\n';
const expect = (severity: string, rule: string, re?: string) => `# expect-next-block: ${severity} ${rule}${re ? ` /${re}/` : ''}\n`;

async function main(): Promise<void> {
  // A small PKI: root → intermediate → leaves.
  const root = await createCertificate({ subject: 'CN=TLS Lens Test Root CA, O=TLS Lens', key: { type: 'ec', curve: 'P-384' }, notBefore: days(-365), notAfter: days(3650), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  const inter = await createCertificate({ subject: 'CN=TLS Lens Test Intermediate CA, O=TLS Lens', key: { type: 'ec', curve: 'P-256' }, issuer: root, notBefore: days(-300), notAfter: days(1800), ca: true, pathLen: 0, keyUsage: ['keyCertSign', 'cRLSign'] });
  const leafSpec = (over: Partial<CertSpec>): CertSpec => ({
    subject: 'CN=app.example.com', key: { type: 'ec', curve: 'P-256' }, issuer: inter, notBefore: days(-30), notAfter: days(60),
    san: ['app.example.com', 'www.example.com'], ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth'], ...over,
  });
  const leaf = await createCertificate(leafSpec({}));
  const pemOf = (c: Issuer) => certificatePem(c.cert);
  const chain = pemOf(leaf) + pemOf(inter) + pemOf(root);

  const fixtures: Record<string, string> = {};

  // pem/malformed
  const good = pemOf(leaf);
  const body = good.split('\n');
  const badChar = [...body.slice(0, 3), body[3].slice(0, 10) + '*' + body[3].slice(11), ...body.slice(4)].join('\n');
  const truncatedDer = ['-----BEGIN CERTIFICATE-----', Buffer.from(leaf.cert.rawData).subarray(0, 120).toString('base64'), '-----END CERTIFICATE-----', ''].join('\n');
  fixtures['bad-malformed.pem'] =
    header(['pem/malformed: broken armour, base64 and DER.']) +
    '\n# An invalid base64 character.\n' + expect('error', 'pem/malformed', "invalid base64 character '\\*'") + badChar +
    '\n# Valid base64 of a DER certificate cut short.\n' + expect('error', 'pem/malformed', 'truncated') + truncatedDer +
    '\n# BEGIN and END labels disagree.\n' + expect('error', 'pem/malformed', 'ends with END PRIVATE KEY') + good.replace('-----END CERTIFICATE-----', '-----END PRIVATE KEY-----') +
    '\n# An END line without BEGIN.\n# expect-next-line: error pem/malformed /without a matching BEGIN/\n-----END CERTIFICATE-----\n' +
    '\n# The last block never ends.\n' + expect('error', 'pem/malformed', 'no END line') + good.replace('-----END CERTIFICATE-----\n', '');
  fixtures['ok-malformed.pem'] =
    header(['pem/malformed: text around blocks is normal (an openssl -text dump, comments).']) +
    'Certificate:\n    Data:\n        Version: 3 (0x2)\n        Subject: CN = app.example.com\n' + chain + '\n';

  // pem/cert-expired
  const expired = await createCertificate(leafSpec({ notBefore: days(-120), notAfter: days(-5) }));
  fixtures['bad-cert-expired.pem'] = header(['pem/cert-expired: notAfter 5 days before the fixture clock.']) + expect('error', 'pem/cert-expired', 'expired 5 days ago') + pemOf(expired) + pemOf(inter) + pemOf(root);
  fixtures['ok-cert-expired.pem'] = header(['pem/cert-expired: a chain valid at the fixture clock.']) + chain;

  // pem/cert-not-yet-valid
  const future = await createCertificate(leafSpec({ notBefore: days(3), notAfter: days(90) }));
  fixtures['bad-cert-not-yet-valid.pem'] = header(['pem/cert-not-yet-valid: notBefore 3 days after the fixture clock.']) + expect('error', 'pem/cert-not-yet-valid', 'valid in 3 days') + pemOf(future);
  fixtures['ok-cert-not-yet-valid.pem'] = header(['pem/cert-not-yet-valid: valid since 30 days.']) + pemOf(leaf);

  // pem/cert-expiring-soon
  const soon = await createCertificate(leafSpec({ notBefore: days(-80), notAfter: days(10) }));
  fixtures['bad-cert-expiring-soon.pem'] = header(['pem/cert-expiring-soon: expires 10 days after the fixture clock (window: 30 days).']) + expect('warning', 'pem/cert-expiring-soon', 'expires in 10 days') + pemOf(soon);
  fixtures['ok-cert-expiring-soon.pem'] = header(['pem/cert-expiring-soon: expires in 60 days, outside the window.']) + pemOf(leaf);

  // pem/weak-rsa-key
  const rsa1024 = await createCertificate(leafSpec({ key: { type: 'rsa', bits: 1024 } }));
  const rsa512Keys = await generateKeys({ type: 'rsa', bits: 512 });
  const csr1024 = await createCsr({ subject: 'CN=legacy.example.com', key: { type: 'rsa', bits: 1024 }, san: ['legacy.example.com'] });
  fixtures['bad-weak-rsa-key.pem'] =
    header(['pem/weak-rsa-key: RSA 1024 (warning) and 512 (error).']) +
    expect('warning', 'pem/weak-rsa-key', 'RSA key of 1024 bits') + pemOf(rsa1024) +
    expect('warning', 'pem/weak-rsa-key', 'request has an RSA key of 1024 bits') + csrPem(csr1024.csr) +
    '# The key is not the certificate\'s either.\n' +
    expect('error', 'pem/weak-rsa-key', '512 bits, which is breakable') + expect('information', 'pem/key-without-cert') + (await privateKeyPem(rsa512Keys));
  const rsa2048 = await createCertificate(leafSpec({ key: { type: 'rsa', bits: 2048 } }));
  fixtures['ok-weak-rsa-key.pem'] = header(['pem/weak-rsa-key: RSA 2048 and EC P-256 keys.']) + pemOf(rsa2048) + (await privateKeyPem(rsa2048.keys)) + (await publicKeyPem(leaf.keys));

  // pem/weak-signature
  const rsaCa = await createCertificate({ subject: 'CN=TLS Lens Legacy RSA CA', key: { type: 'rsa', bits: 2048 }, notBefore: days(-400), notAfter: days(3000), ca: true, keyUsage: ['keyCertSign', 'cRLSign'], hash: 'SHA-1' });
  const sha1Leaf = await createCertificate(leafSpec({ issuer: rsaCa, hash: 'SHA-1' }));
  const md5Leaf = await md5Signed(rsaCa, leafSpec({ subject: 'CN=md5.example.com', san: ['md5.example.com'], key: { type: 'rsa', bits: 2048 } }));
  fixtures['bad-weak-signature.pem'] =
    header(['pem/weak-signature: leaves signed with SHA-1 and MD5 by a CA.']) +
    expect('warning', 'pem/weak-signature', 'sha1WithRSAEncryption') + pemOf(sha1Leaf) +
    '# The self-signed root is signed with SHA-1 too, which does not matter.\n' + pemOf(rsaCa) +
    expect('warning', 'pem/weak-signature', 'md5WithRSAEncryption') + md5Leaf;
  fixtures['ok-weak-signature.pem'] = header(['pem/weak-signature: a SHA-1 self-signed root is exempt; SHA-256 and ECDSA leaves are fine.']) + pemOf(rsaCa) + pemOf(rsa2048) + pemOf(inter);

  // pem/missing-san
  const noSan = await createCertificate(leafSpec({ san: undefined }));
  fixtures['bad-missing-san.pem'] = header(['pem/missing-san: a server certificate with only a CN.']) + expect('warning', 'pem/missing-san', 'no subjectAltName') + pemOf(noSan);
  fixtures['ok-missing-san.pem'] = header(['pem/missing-san: a leaf with SANs; CA certificates need none.']) + chain;

  // pem/ca-constraints
  const caNoCertSign = await createCertificate({ subject: 'CN=CA Without keyCertSign', notBefore: days(-10), notAfter: days(1000), ca: true, keyUsage: ['digitalSignature'] });
  const notCa = await createCertificate({ subject: 'CN=Issuer Without CA Flag', notBefore: days(-10), notAfter: days(1000), keyUsage: ['keyCertSign'] });
  const childOfNotCa = await createCertificate(leafSpec({ issuer: notCa }));
  fixtures['bad-ca-constraints.pem'] =
    header(['pem/ca-constraints: a CA:TRUE without keyCertSign; an issuer without basicConstraints.']) +
    expect('warning', 'pem/ca-constraints', 'keyUsage without keyCertSign') + pemOf(caNoCertSign) +
    '\n' + pemOf(childOfNotCa) + expect('warning', 'pem/ca-constraints', "issues 'app.example.com' but lacks basicConstraints") + pemOf(notCa);
  fixtures['ok-ca-constraints.pem'] = header(['pem/ca-constraints: root and intermediate with CA:TRUE and keyCertSign.']) + chain;

  // pem/validity-too-long
  const long = await createCertificate(leafSpec({ notBefore: days(-10), notAfter: days(815) }));
  fixtures['bad-validity-too-long.pem'] = header(['pem/validity-too-long: a leaf valid for 825 days.']) + expect('information', 'pem/validity-too-long', 'valid for 825 days') + pemOf(long);
  const d398 = await createCertificate(leafSpec({ notBefore: days(-10), notAfter: new Date(days(388).getTime() - 1000) }));
  fixtures['ok-validity-too-long.pem'] = header(['pem/validity-too-long: 398 days exactly (BR counts notAfter - notBefore + 1 s); CAs are exempt.']) + pemOf(d398) + pemOf(inter) + pemOf(root);

  // pem/bundle-order
  const other = await createCertificate({ subject: 'CN=Unrelated CA', notBefore: days(-10), notAfter: days(1000), ca: true, keyUsage: ['keyCertSign'] });
  fixtures['bad-bundle-order.pem'] =
    header(['pem/bundle-order: the intermediate comes after the root.']) +
    expect('warning', 'pem/bundle-order', 'its issuer is block 3 of this file') + pemOf(leaf) + pemOf(root) + pemOf(inter);
  fixtures['bad-bundle-order-unrelated.pem'] =
    header(['pem/bundle-order: a leaf followed by an unrelated CA.']) +
    expect('warning', 'pem/bundle-order', "not issued by the next certificate 'Unrelated CA'") + pemOf(leaf) + pemOf(other);
  fixtures['ok-bundle-order.pem'] = header(['pem/bundle-order: leaf, intermediate, root; then a trust list of unrelated roots.']) + chain + pemOf(other) + pemOf(rsaCa);

  // pem/key-without-cert
  fixtures['bad-key-without-cert.pem'] = header(['pem/key-without-cert: a certificate with somebody else\'s key.']) + pemOf(leaf) + expect('information', 'pem/key-without-cert', 'matches none of the 1 certificate') + (await privateKeyPem(expired.keys));
  fixtures['ok-key-without-cert.pem'] = header(['pem/key-without-cert: the certificate with its own key (either order).']) + (await privateKeyPem(leaf.keys)) + pemOf(leaf);
  fixtures['ok-key-alone.key'] = header(['pem/key-without-cert: a key file alone is normal.']) + (await privateKeyPem(leaf.keys));

  // core/file-too-large, core/binary-file
  fixtures['bad-file-too-large.pem'] = '# tls-lens-test-settings: {"maxFileSizeKB": 1}\n# expect-first-line: information core/file-too-large\n' + chain;
  fixtures['ok-file-too-large.pem'] = '# tls-lens-test-settings: {"maxFileSizeKB": 64}\n' + chain;
  fixtures['bad-binary-file.pem'] = '# expect-first-line: information core/binary-file\n' + Buffer.from(leaf.cert.rawData).toString('latin1');
  fixtures['ok-binary-file.pem'] = '# A text file with unusual but valid characters: é, ü, ✓.\n' + pemOf(leaf);

  // Suppression comments
  fixtures['ok-suppressed.pem'] = header(['A finding disabled for its line by a comment naming the rule.']) + '# tls-lens-disable-next-line pem/cert-expired\n' + pemOf(expired);

  for (const [name, text] of Object.entries(fixtures)) {
    const domain = name.includes('file-too-large') || name.includes('binary-file') ? 'core' : 'pem';
    write(path.join(ROOT, 'test/fixtures', domain, name), text, name.endsWith('.key') ? 0o600 : 0o644);
  }

  // The example workspace: what `npm run demo` and the README show.
  // A leaf valid for 397 days from the clock, so that the demo's good chain stays good for a while.
  const exLeaf = await createCertificate(leafSpec({ notBefore: days(0), notAfter: days(397) }));
  write(path.join(EX, 'certs/ca.crt'), pemOf(root));
  write(path.join(EX, 'certs/app.example.com/fullchain.pem'), pemOf(exLeaf) + pemOf(inter) + pemOf(root));
  write(path.join(EX, 'certs/app.example.com/privkey.pem'), await privateKeyPem(exLeaf.keys), 0o600);
  const staleExample = await createCertificate(leafSpec({ subject: 'CN=legacy.example.com', san: undefined, key: { type: 'rsa', bits: 1024 }, issuer: rsaCa, hash: 'SHA-1', notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-12-31T00:00:00Z') }));
  write(path.join(EX, 'certs/legacy/bundle.pem'), '# A legacy bundle: expired, SHA-1, 1024-bit, no SAN, and the wrong key beside it.\n' + pemOf(staleExample) + pemOf(rsaCa) + (await privateKeyPem(expired.keys)));
  write(path.join(EX, 'certs/legacy/request.csr'), csrPem(csr1024.csr));
  write(path.join(EX, 'k8s/secret-inline.yaml'), [
    '# A ConfigMap holding a CA bundle inline: TLS Lens reads the PEM inside YAML block scalars.',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: cluster-gateway-ca',
    '  namespace: openchoreo-control-plane',
    'data:',
    '  ca.crt: |',
    ...pemOf(root).trimEnd().split('\n').map((l) => '    ' + l),
    '',
  ].join('\n'));
  console.log(`fixtures written at clock ${FIXTURE_NOW.toISOString()}`);
}

/**
 * WebCrypto cannot sign with MD5: re-sign a generated leaf's TBS with md5WithRSAEncryption via
 * node:crypto (asn1-x509 rewrites the two algorithm fields).
 */
async function md5Signed(issuer: Issuer, spec: CertSpec): Promise<string> {
  const base = await createCertificate({ ...spec, issuer });
  const cert = AsnConvert.parse(base.cert.rawData, Certificate);
  const md5 = new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.4', parameters: null });
  cert.tbsCertificate.signature = md5;
  cert.signatureAlgorithm = md5;
  const tbs = Buffer.from(AsnConvert.serialize(cert.tbsCertificate));
  const key = createPrivateKey(await privateKeyPem(issuer.keys));
  cert.signatureValue = new Uint8Array(sign('RSA-MD5', tbs, key)).buffer;
  return certificatePem(new x509.X509Certificate(AsnConvert.serialize(cert)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
