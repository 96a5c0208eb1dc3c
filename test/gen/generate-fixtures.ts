/**
 * Writes the PEM fixtures (test/fixtures/pem) and the example workspace's certificates
 * (examples/certs) from a fixed clock. Run: npm run gen:fixtures. The output is committed; keys
 * are throwaway test keys, written 0600 like every key TLS Lens writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  certificatePem, createCertificate, createCsr, CertSpec, generateKeys, Issuer, privateKeyDer, privateKeyPem, publicKeyPem, csrPem,
} from '../../server/src/x509/generate';
import { days, FIXTURE_NOW } from '../helpers/clock';
import { jksKeystore, jksTruststore, pkcs12WithIterations } from '../helpers/der';
import { keystore } from '../../server/src/generate/pkcs12';

const ROOT = path.resolve(__dirname, '../../..');
const EX = path.join(ROOT, 'examples');

function write(file: string, text: string | Uint8Array, mode = 0o644): void {
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
  const truncatedDer = ['-----BEGIN CERTIFICATE-----', Buffer.from(leaf.cert.der).subarray(0, 120).toString('base64'), '-----END CERTIFICATE-----', ''].join('\n');
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
  // The same certificate in a YAML block scalar of no particular product (an OpenChoreo
  // ComponentType's file to mount): checked as a PEM file is, and listed by the inventory.
  const indented = (pem: string, by: string) => pem.trimEnd().split('\n').map((l) => by + l).join('\n') + '\n';
  fixtures['bad-cert-expired-yaml-value.yaml'] = header(['pem/cert-expired: a certificate in any YAML block scalar gets the checks of a PEM file, on its block.']) +
    'kind: ComponentType\nspec:\n  container:\n    files:\n      - key: tls.crt\n        mountPath: /etc/nginx/certs\n' +
    `        ${expect('error', 'pem/cert-expired', "Certificate 'app\\.example\\.com' expired 5 days ago")}` + '        value: |\n' + indented(pemOf(expired), '          ');

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
    expect('error', 'pem/weak-rsa-key', '512 bits, which is breakable') + expect('information', 'pem/key-without-cert') + (privateKeyPem(rsa512Keys));
  const rsa2048 = await createCertificate(leafSpec({ key: { type: 'rsa', bits: 2048 } }));
  fixtures['ok-weak-rsa-key.pem'] = header(['pem/weak-rsa-key: RSA 2048 and EC P-256 keys.']) + pemOf(rsa2048) + (privateKeyPem(rsa2048.keys)) + (publicKeyPem(leaf.keys));

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
  fixtures['bad-key-without-cert.pem'] = header(['pem/key-without-cert: a certificate with somebody else\'s key.']) + pemOf(leaf) + expect('information', 'pem/key-without-cert', 'matches none of the 1 certificate') + (privateKeyPem(expired.keys));
  fixtures['ok-key-without-cert.pem'] = header(['pem/key-without-cert: the certificate with its own key (either order).']) + (privateKeyPem(leaf.keys)) + pemOf(leaf);
  fixtures['ok-key-alone.key'] = header(['pem/key-without-cert: a key file alone is normal.']) + (privateKeyPem(leaf.keys));

  // core/file-too-large, core/binary-file
  fixtures['bad-file-too-large.pem'] = '# tls-lens-test-settings: {"maxFileSizeKB": 1}\n# expect-first-line: information core/file-too-large\n' + chain;
  fixtures['ok-file-too-large.pem'] = '# tls-lens-test-settings: {"maxFileSizeKB": 64}\n' + chain;
  fixtures['bad-binary-file.pem'] = '# expect-first-line: information core/binary-file\n' + Buffer.from(leaf.cert.der).toString('latin1');
  fixtures['ok-binary-file.pem'] = '# A text file with unusual but valid characters: é, ü, ✓.\n' + pemOf(leaf);

  // Suppression comments
  fixtures['ok-suppressed.pem'] = header(['A finding disabled for its line by a comment naming the rule.']) + '# tls-lens-disable-next-line pem/cert-expired\n' + pemOf(expired);

  for (const [name, text] of Object.entries(fixtures)) {
    const domain = name.includes('file-too-large') || name.includes('binary-file') ? 'core' : 'pem';
    write(path.join(ROOT, 'test/fixtures', domain, name), text, name.endsWith('.key') ? 0o600 : 0o644);
  }

  // pem/cert-expired in a trust bundle: an expired root is a dead anchor (warning), unless the
  // workspace still relies on it (error): a certificate chains only to it, or a configuration
  // names the bundle as its CA. Renewed with the same key and name, the root is not relied on.
  {
    const rootSpec = (cn: string, from: number, to: number, keys?: Issuer['keys']): CertSpec => ({ subject: `CN=${cn}, O=Example Trust`, key: { type: 'ec', curve: 'P-256' }, ...(keys ? { keys } : {}), notBefore: days(from), notAfter: days(to), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
    const oldRoot = await createCertificate(rootSpec('Old Root CA', -900, -60));
    const renewedRoot = await createCertificate(rootSpec('Old Root CA', -70, 3000, oldRoot.keys));
    const currentRoot = await createCertificate(rootSpec('Current Root CA', -500, 3000));
    const orphan = await createCertificate(leafSpec({ subject: 'CN=legacy.example.com', san: ['legacy.example.com'], issuer: oldRoot }));
    const served = await createCertificate(leafSpec({ subject: 'CN=spin-dinghy.spinnaker', san: ['spin-dinghy.spinnaker'], issuer: currentRoot }));
    const dir = (name: string) => path.join(ROOT, 'test/fixtures/pem', name);
    const anchorLine = (re: string) => expect('error', 'pem/cert-expired', re);
    write(path.join(dir('bad-cert-expired-anchor-relied-on'), 'roots.pem'),
      header(['pem/cert-expired: a trust bundle whose expired root still issues legacy.pem: an error, not a dead anchor.']) +
      anchorLine("Root 'Old Root CA' in this trust bundle expired 60 days ago .*'legacy\\.example\\.com' \\(legacy\\.pem line 2\\) chains only to it") + pemOf(oldRoot) + pemOf(currentRoot));
    write(path.join(dir('bad-cert-expired-anchor-relied-on'), 'legacy.pem'), header(['Issued by the expired root; nothing else in the workspace issues it.']) + pemOf(orphan));
    const spin = (ca: string) => ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', '      dinghy:', '        server:', '          ssl:', '            enabled: true', '            certFile: dinghy.crt', '            keyFile: dinghy.key', `            cacertFile: ${ca}`].join('\n') + '\n';
    write(path.join(dir('bad-cert-expired-anchor-relied-on'), 'spinnaker.yaml'), '# dinghy names the bundle as its CA: the expired root in it is part of what it trusts.\n' + spin('roots.pem'));
    write(path.join(dir('bad-cert-expired-anchor-relied-on'), 'dinghy.crt'), pemOf(served) + pemOf(currentRoot));
    write(path.join(dir('bad-cert-expired-anchor-relied-on'), 'dinghy.key'), privateKeyPem(served.keys), 0o600);
    write(path.join(dir('bad-cert-expired-anchor-named'), 'roots.pem'),
      header(['pem/cert-expired: a CA bundle a configuration names, with an expired root in it: an error.']) +
      anchorLine("Root 'Old Root CA' in this CA bundle expired 60 days ago .*dinghy server\\.ssl\\.cacertFile \\(spinnaker\\.yaml line 15\\) names the bundle as its CA") + pemOf(oldRoot) + pemOf(currentRoot));
    write(path.join(dir('bad-cert-expired-anchor-named'), 'spinnaker.yaml'), '# dinghy trusts the bundle with the expired root in it.\n' + spin('roots.pem'));
    write(path.join(dir('bad-cert-expired-anchor-named'), 'dinghy.crt'), pemOf(served) + pemOf(currentRoot));
    write(path.join(dir('bad-cert-expired-anchor-named'), 'dinghy.key'), privateKeyPem(served.keys), 0o600);
    write(path.join(dir('bad-cert-expired-dead-anchor-renewed'), 'roots.pem'),
      header(['pem/cert-expired: the expired root was renewed with the same name and key, so legacy.pem still chains to a valid root: the old one is a dead anchor (a warning), not relied on.']) +
      expect('warning', 'pem/cert-expired', "Root 'Old Root CA' in this trust bundle expired 60 days ago .* a dead trust anchor") + pemOf(oldRoot) + pemOf(renewedRoot) + pemOf(currentRoot));
    write(path.join(dir('bad-cert-expired-dead-anchor-renewed'), 'legacy.pem'), header(['Issued by the old root\'s key: the renewed root issues it too.']) + pemOf(orphan));
  }

  // pem/bundle-order and pem/ca-constraints on certificates inside keystores a configuration names
  // (reported on the reference): a JKS key entry's chain is presented in its order; PKCS#12 bags are not.
  {
    const gate = await createCertificate(leafSpec({ subject: 'CN=spin-gate', san: ['spin-gate.spinnaker'], extKeyUsage: ['serverAuth', 'clientAuth'] }));
    const notCa = await createCertificate({ subject: 'CN=Not A CA, O=TLS Lens', key: { type: 'ec', curve: 'P-256' }, issuer: inter, notBefore: days(-30), notAfter: days(300), ca: false, keyUsage: ['digitalSignature'] });
    const underNotCa = await createCertificate(leafSpec({ subject: 'CN=spin-gate', san: ['spin-gate.spinnaker'], issuer: notCa }));
    const der = (c: Issuer) => c.cert.der;
    const dir = (name: string) => path.join(ROOT, 'test/fixtures/pem', name);
    const spin = (lines: string[]) => ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', '  namespace: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', ...lines].join('\n') + '\n';
    const profile = (svc: string, store: string, type: string, ...expectations: string[]) => [`      ${svc}:`, '        server:', '          ssl:', '            enabled: true', `            key-store: ${store}`, ...expectations.map((e) => caret(`            key-store: ${store}`, store, e)), `            key-store-type: ${type}`, '            key-store-password: changeit'];
    const echo = await createCertificate(leafSpec({ subject: 'CN=spin-echo', san: ['spin-echo.spinnaker'], extKeyUsage: ['serverAuth', 'clientAuth'] }));
    write(path.join(dir('bad-bundle-order-keystore'), 'gate.jks'), jksKeystore([{ alias: 'spin-gate', chain: [der(gate), der(root), der(inter)] }]), 0o600);
    write(path.join(dir('bad-bundle-order-keystore'), 'spinnaker.yaml'), '# pem/bundle-order: the key entry of gate.jks holds its chain as leaf, root, intermediate.\n' +
      spin(profile('gate', 'gate.jks', 'JKS', "warning pem/bundle-order /Certificate 'spin-gate' in keystore 'gate\\.jks' is not issued by the next certificate of its key entry's chain, 'TLS Lens Test Root CA'; its issuer is certificate 3 of that chain/")));
    write(path.join(dir('ok-bundle-order-keystore'), 'gate.jks'), jksKeystore([{ alias: 'spin-gate', chain: [der(gate), der(inter), der(root)] }, { alias: 'root', der: der(root) }]), 0o600);
    write(path.join(dir('ok-bundle-order-keystore'), 'echo.p12'), await keystore(privateKeyDer(echo.keys), [der(echo), der(root), der(inter)], 'spin-echo', 'changeit'), 0o600);
    write(path.join(dir('ok-bundle-order-keystore'), 'spinnaker.yaml'), '# pem/bundle-order: a JKS key entry with its chain in order; PKCS#12 bags in any order (Java orders them by issuer).\n' +
      spin([...profile('gate', 'gate.jks', 'JKS'), ...profile('echo', 'echo.p12', 'PKCS12')]));
    write(path.join(dir('bad-ca-constraints-keystore'), 'gate.p12'), await keystore(privateKeyDer(underNotCa.keys), [der(underNotCa), der(notCa), der(inter), der(root)], 'spin-gate', 'changeit'), 0o600);
    write(path.join(dir('bad-ca-constraints-keystore'), 'spinnaker.yaml'), '# pem/ca-constraints: gate.p12 holds a certificate that issued the leaf without being a CA.\n' +
      spin(profile('gate', 'gate.p12', 'PKCS12', "warning pem/ca-constraints /Certificate 'Not A CA' in keystore 'gate\\.p12' issues 'spin-gate' but lacks basicConstraints CA:TRUE/", "warning pem/missing-san /Certificate 'Not A CA' in keystore 'gate\\.p12' has no subjectAltName/")));
    write(path.join(dir('ok-ca-constraints-keystore'), 'gate.p12'), await keystore(privateKeyDer(gate.keys), [der(gate), der(inter), der(root)], 'spin-gate', 'changeit'), 0o600);
    write(path.join(dir('ok-ca-constraints-keystore'), 'spinnaker.yaml'), '# pem/ca-constraints: gate.p12 with a chain of proper CAs.\n' + spin(profile('gate', 'gate.p12', 'PKCS12')));
  }

  // The example workspace: what `npm run demo` and the README show.
  // A leaf valid for 397 days from the clock, so that the demo's good chain stays good for a while.
  const exLeaf = await createCertificate(leafSpec({ notBefore: days(0), notAfter: days(397) }));
  write(path.join(EX, 'certs/ca.crt'), pemOf(root));
  write(path.join(EX, 'certs/app.example.com/fullchain.pem'), pemOf(exLeaf) + pemOf(inter) + pemOf(root));
  write(path.join(EX, 'certs/app.example.com/privkey.pem'), privateKeyPem(exLeaf.keys), 0o600);
  const staleExample = await createCertificate(leafSpec({ subject: 'CN=legacy.example.com', san: undefined, key: { type: 'rsa', bits: 1024 }, issuer: rsaCa, hash: 'SHA-1', notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-12-31T00:00:00Z') }));
  write(path.join(EX, 'certs/legacy/bundle.pem'), '# A legacy bundle: expired, SHA-1, 1024-bit, no SAN, and the wrong key beside it.\n' + pemOf(staleExample) + pemOf(rsaCa) + (privateKeyPem(expired.keys)));
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
  await xrefFixtures(root, inter, leafSpec, leaf);
  await k8sFixtures(inter, leaf);
  // Cross-file examples: an nginx site and an Ingress naming hosts the certificate does not cover.
  write(path.join(EX, 'nginx/site.conf'), [
    '# The TLS server for app.example.com: the certificate does not cover shop.example.com.',
    'server {',
    '    listen 443 ssl;',
    '    server_name app.example.com shop.example.com;',
    '    ssl_certificate ../certs/app.example.com/fullchain.pem;',
    '    ssl_certificate_key ../certs/app.example.com/privkey.pem;',
    '    ssl_protocols TLSv1 TLSv1.2 TLSv1.3;',
    '    add_header Strict-Transport-Security "max-age=63072000" always;',
    '}',
    '',
  ].join('\n'));
  write(path.join(EX, 'k8s/app-tls.yaml'), [...secret('app-tls', pemOf(exLeaf) + pemOf(inter), privateKeyPem(exLeaf.keys)), '---',
    ...ingress('app-tls', ['app.example.com', 'api.example.com'])].join('\n') + '\n');
  console.log(`fixtures written at clock ${FIXTURE_NOW.toISOString()}`);
}

/** A leaf signed with md5WithRSAEncryption (the issuer's key must be RSA). */
async function md5Signed(issuer: Issuer, spec: CertSpec): Promise<string> {
  return certificatePem((await createCertificate({ ...spec, issuer, hash: 'MD5' })).cert);
}

/** A caret line under `needle` on `line` (the line above it in the file), in YAML/nginx comment syntax. */
function caret(line: string, needle: string, expectation: string): string {
  const col = line.indexOf(needle);
  if (col < 1) throw new Error(`cannot mark '${needle}' in '${line}'`);
  return '#' + ' '.repeat(col - 1) + '^'.repeat(needle.length) + ' ' + expectation;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function secret(name: string, crt: string, key?: string, extra: string[] = []): string[] {
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: default', 'type: kubernetes.io/tls', 'data:', `  tls.crt: ${b64(crt)}`, ...(key !== undefined ? [`  tls.key: ${b64(key)}`] : []), ...extra];
}

function ingress(secretName: string, hosts: string[], notes: Record<string, string> = {}): string[] {
  const out = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: app', '  namespace: default', 'spec:', '  tls:', '    - secretName: ' + secretName, '      hosts:'];
  for (const h of hosts) {
    out.push(`        - ${h}`);
    if (notes[h]) out.push(caret(`        - ${h}`, h, notes[h]));
  }
  out.push('  rules:');
  for (const h of hosts) out.push(`    - host: ${h}`, '      http:', '        paths:', '          - path: /', '            pathType: Prefix', '            backend:', '              service:', '                name: app', '                port:', '                  number: 80');
  return out;
}

async function xrefFixtures(root: Issuer, inter: Issuer, leafSpec: (o: Partial<CertSpec>) => CertSpec, leaf: Issuer): Promise<void> {
  const dir = path.join(ROOT, 'test/fixtures/xref');
  fs.rmSync(dir, { recursive: true, force: true });
  const w = (rel: string, lines: string[] | string, mode = 0o644) => write(path.join(dir, rel), Array.isArray(lines) ? lines.join('\n') + '\n' : lines, mode);
  const chain = certificatePem(leaf.cert) + certificatePem(inter.cert);
  const key = privateKeyPem(leaf.keys);

  // xref/hostname-not-covered: an Ingress and an nginx server naming hosts the certificate lacks.
  w('bad-hostname-not-covered/secret.yaml', secret('app-tls', chain, key));
  w('bad-hostname-not-covered/ingress.yaml', ['# xref/hostname-not-covered: api.example.com is not in the certificate of Secret app-tls.', ...ingress('app-tls', ['app.example.com', 'api.example.com'], { 'api.example.com': "error xref/hostname-not-covered /'api\\.example\\.com' is not covered by the certificate 'app\\.example\\.com' that Ingress tls\\[0\\]\\.secretName points at \\(its SANs: app\\.example\\.com, www\\.example\\.com\\)/" })]);
  w('bad-hostname-not-covered/certs/app.crt', chain);
  w('bad-hostname-not-covered/certs/app.key', key, 0o600);
  w('bad-hostname-not-covered/nginx.conf', ['events {}', 'http {', '    server {', '        listen 443 ssl;', '        server_name app.example.com shop.example.com;', caret('        server_name app.example.com shop.example.com;', 'shop.example.com', "error xref/hostname-not-covered /'shop\\.example\\.com' is not covered/"), '        ssl_certificate certs/app.crt;', '        ssl_certificate_key certs/app.key;', '        ssl_protocols TLSv1.2 TLSv1.3;', '        add_header Strict-Transport-Security "max-age=63072000" always;', '    }', '}']);
  w('bad-hostname-not-covered/certificate.yaml', ['apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', '  name: pending', '  namespace: default', 'spec:', '  secretName: pending-tls', '  issuerRef:', '    name: letsencrypt-prod', caret('    name: letsencrypt-prod', 'letsencrypt-prod', "information cert-manager/issuer-not-found /ClusterIssuer 'letsencrypt-prod' \\(Certificate issuerRef\\) is not in the workspace/"), '    kind: ClusterIssuer', '  dnsNames:', '    - shop.example.com']);
  w('bad-hostname-not-covered/ingress-pending.yaml', ['# The Secret does not exist yet: cert-manager will write it, for shop.example.com only.', ...ingress('pending-tls', ['shop.example.com', 'cart.example.com'], { 'cart.example.com': "error xref/hostname-not-covered /'cart\\.example\\.com' is not among the dnsNames of the cert-manager Certificate that writes Secret 'pending-tls'/" })]);
  const wildcard = await createCertificate(leafSpec({ subject: 'CN=*.example.com', san: ['*.example.com', 'example.com'] }));
  w('ok-hostname-not-covered/secret.yaml', secret('app-tls', certificatePem(wildcard.cert) + certificatePem(inter.cert), privateKeyPem(wildcard.keys)));
  w('ok-hostname-not-covered/ingress.yaml', ['# xref/hostname-not-covered: a wildcard covers one label: app. and api.example.com, and the apex by its own SAN.', ...ingress('app-tls', ['app.example.com', 'api.example.com', 'example.com'])]);

  // xref/key-mismatch: a Secret holding somebody else's key; an nginx server likewise.
  const other = privateKeyPem((await createCertificate(leafSpec({}))).keys);
  w('bad-key-mismatch/secret.yaml', ['# xref/key-mismatch: tls.key is not the key of tls.crt.', ...secret('app-tls', chain, other).slice(0, -1), `  tls.key: ${b64(other)}`, caret(`  tls.key: ${b64(other)}`, b64(other), "error xref/key-mismatch /This key does not match the certificate 'app\\.example\\.com' \\(tls\\.crt of Secret app-tls\\)/")]);
  w('bad-key-mismatch/app.crt', chain);
  w('bad-key-mismatch/other.key', other, 0o600);
  w('bad-key-mismatch/site.conf', ['server {', '    listen 443 ssl;', '    server_name app.example.com;', '    ssl_certificate app.crt;', '    ssl_certificate_key other.key;', caret('    ssl_certificate_key other.key;', 'other.key', 'error xref/key-mismatch /does not match the certificate/'), '    add_header Strict-Transport-Security "max-age=63072000" always;', '}']);
  w('ok-key-mismatch/secret.yaml', ['# xref/key-mismatch: the Secret holds the certificate with its own key.', ...secret('app-tls', chain, key)]);

  // xref/chain-to-ca, xref/planeid-cn, xref/wrong-role, openchoreo/agent-client-ca (seeds 001, 002).
  const caA = await createCertificate({ subject: 'CN=openchoreo-cluster-gateway-ca, O=OpenChoreo', key: { type: 'ec', curve: 'P-256' }, notBefore: days(-30), notAfter: days(3650), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  const caB = await createCertificate({ subject: 'CN=some-other-ca', key: { type: 'ec', curve: 'P-256' }, notBefore: days(-30), notAfter: days(3650), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  const agentSpec = (issuer: Issuer, cn: string, eku: string[]) => createCertificate({ subject: `CN=${cn}, O=OpenChoreo`, key: { type: 'ec', curve: 'P-256' }, issuer, notBefore: days(-10), notAfter: days(355), ca: false, keyUsage: ['digitalSignature'], extKeyUsage: eku });
  const agentB = await agentSpec(caB, 'default', ['clientAuth']);
  const agentA = await agentSpec(caA, 'default', ['clientAuth']);
  /** A Secret whose tls.crt line carries an expectation (a certificate's own problem is reported there). */
  const noted = (name: string, crt: string, key: string, note?: string | string[], ns = 'default') => {
    const lines = secret(name, crt, key).map((l) => (l === '  namespace: default' ? `  namespace: ${ns}` : l));
    if (!note) return lines;
    const at = lines.findIndex((l) => l.startsWith('  tls.crt: '));
    lines.splice(at + 1, 0, ...[note].flat().map((n) => caret(lines[at], lines[at].slice('  tls.crt: '.length), n)));
    return lines;
  };
  const caMap = (caPem: string, note?: string, name = 'cluster-gateway-ca') => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, '  namespace: default', 'data:'];
    if (note) lines.push(`  # expect-next-line: ${note}`);
    lines.push('  ca.crt: |', ...caPem.trimEnd().split('\n').map((l) => '    ' + l));
    return lines;
  };

  // xref/chain-to-ca: a Go service's certificate against its own cacertFile (Spinnaker, seed 001).
  const dinghyOf = (issuer: Issuer) => createCertificate({ subject: 'CN=spin-dinghy.spinnaker', key: { type: 'ec', curve: 'P-256' }, issuer, notBefore: days(-10), notAfter: days(355), san: ['spin-dinghy.spinnaker'], ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth', 'clientAuth'] });
  const spinGo = (note?: string) => ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', '      dinghy:', '        server:', '          ssl:', '            enabled: true', '            certFile: dinghy.crt', '            keyFile: dinghy.key', '            cacertFile: ca.pem', ...(note ? [caret('            cacertFile: ca.pem', 'ca.pem', note)] : [])];
  const dinghyB = await dinghyOf(caB);
  w('bad-chain-to-ca/spinnaker.yaml', ['# xref/chain-to-ca: dinghy\'s certificate was issued by another CA than its cacertFile.', ...spinGo("error xref/chain-to-ca /The certificate 'spin-dinghy\\.spinnaker' \\(dinghy server\\.ssl\\.certFile\\) does not chain to this CA \\(openchoreo-cluster-gateway-ca\\)/")]);
  w('bad-chain-to-ca/dinghy.crt', certificatePem(dinghyB.cert));
  w('bad-chain-to-ca/dinghy.key', privateKeyPem(dinghyB.keys), 0o600);
  w('bad-chain-to-ca/ca.pem', certificatePem(caA.cert));
  const dinghyA = await dinghyOf(caA);
  w('ok-chain-to-ca/spinnaker.yaml', ['# xref/chain-to-ca: dinghy\'s certificate chains to its cacertFile.', ...spinGo()]);
  w('ok-chain-to-ca/dinghy.crt', certificatePem(dinghyA.cert));
  w('ok-chain-to-ca/dinghy.key', privateKeyPem(dinghyA.keys), 0o600);
  w('ok-chain-to-ca/ca.pem', certificatePem(caA.cert));

  const values = (note?: [string, string], planeID = 'default', planeType?: string) => {
    const l = ['# OpenChoreo plane values (seed 002, Step 5).', 'clusterAgent:', ...(planeType ? [`  planeType: ${planeType}`] : []), `  planeID: ${planeID}`];
    if (note?.[0] === 'planeID') l.push(caret(`  planeID: ${planeID}`, planeID, note[1]));
    l.push('  tls:', '    enabled: true', '    clientSecretName: agent-client-tls');
    if (note?.[0] === 'client') l.push(caret('    clientSecretName: agent-client-tls', 'agent-client-tls', note[1]));
    l.push('    serverCAConfigMap: cluster-gateway-ca');
    return l;
  };
  // xref/wrong-role: reported on the certificate (the Secret's tls.crt, the ConfigMap's ca.crt), with the values that use it.
  const wrongEku = await agentSpec(caA, 'default', ['serverAuth']);
  w('bad-wrong-role/values.yaml', values());
  w('bad-wrong-role/secrets.yaml', [...noted('agent-client-tls', certificatePem(wrongEku.cert), privateKeyPem(wrongEku.keys), ["error xref/wrong-role /The client certificate 'default' \\(clusterAgent\\.tls\\.clientSecretName\\) has extended key usage serverAuth without clientAuth/", "warning pem/missing-san /Certificate 'default' has no subjectAltName extension/"]), '---',
    ...caMap(certificatePem(agentA.cert), "error xref/wrong-role /clusterAgent\\.tls\\.serverCAConfigMap should hold a CA, but 'default' is not one/")]);
  w('ok-wrong-role/values.yaml', values());
  w('ok-wrong-role/secrets.yaml', [...secret('agent-client-tls', certificatePem(agentA.cert), privateKeyPem(agentA.keys)), '---', ...caMap(certificatePem(caA.cert))]);

  // xref/chain-to-ca on the CA agents verify the gateway with (seed 002): the gateway's certificate
  // (Secret cluster-gateway-tls) from another CA is the fault; one without serverAuth from this CA is
  // a role problem, reported once, on the certificate (xref/wrong-role), not as a chain that fails.
  const gatewayOf = (issuer: Issuer, eku: string[]) => createCertificate({
    subject: 'CN=cluster-gateway.openchoreo-control-plane, O=OpenChoreo', key: { type: 'ec', curve: 'P-256' }, issuer, notBefore: days(-10),
    notAfter: days(355), san: ['cluster-gateway.openchoreo-control-plane.svc'], ca: false, keyUsage: ['digitalSignature'], extKeyUsage: eku,
  });
  const gatewayWorkspace = async (dirName: string, issuer: Issuer, eku: string[], notes: { values?: string; gateway?: string }) => {
    const gw = await gatewayOf(issuer, eku);
    const v = values();
    const at = v.findIndex((l) => l.includes('serverCAConfigMap'));
    if (notes.values) v.splice(at + 1, 0, caret(v[at], 'cluster-gateway-ca', notes.values));
    w(`${dirName}/values.yaml`, v);
    w(`${dirName}/control-plane-values.yaml`, ['# OpenChoreo control plane values (seed 002, Step 5): the cluster gateway.', 'clusterGateway:', '  enabled: true', '  tls:',
      '    enabled: true', '    secretName: cluster-gateway-tls', '    dnsNames:', '      - cluster-gateway.openchoreo-control-plane.svc']);
    w(`${dirName}/secrets.yaml`, [...secret('agent-client-tls', certificatePem(agentA.cert), privateKeyPem(agentA.keys)), '---',
      ...noted('cluster-gateway-tls', certificatePem(gw.cert), privateKeyPem(gw.keys), notes.gateway, 'openchoreo-control-plane'), '---',
      ...caMap(certificatePem(caA.cert))]);
  };
  await gatewayWorkspace('bad-chain-to-ca-gateway', caB, ['serverAuth'], {
    values: "error xref/chain-to-ca /The certificate 'cluster-gateway\\.openchoreo-control-plane' \\(Secret cluster-gateway-tls\\) does not chain to this CA/",
  });
  await gatewayWorkspace('ok-chain-to-ca-gateway', caA, ['serverAuth'], {});
  await gatewayWorkspace('bad-wrong-role-gateway-server', caA, ['clientAuth'], {
    gateway: "error xref/wrong-role /has extended key usage clientAuth without serverAuth/",
  });

  // xref/planeid-cn: on the agent's certificate, with the planeID it should carry.
  const otherCn = await agentSpec(caA, 'dataplane-eu', ['clientAuth']);
  w('bad-planeid-cn/values.yaml', values());
  w('bad-planeid-cn/secrets.yaml', [...noted('agent-client-tls', certificatePem(otherCn.cert), privateKeyPem(otherCn.keys), "error xref/planeid-cn /has CN 'dataplane-eu' but its planeID is 'default'/"), '---', ...caMap(certificatePem(caA.cert))]);
  w('ok-planeid-cn/values.yaml', values(undefined, 'dataplane-eu'));
  w('ok-planeid-cn/secrets.yaml', [...secret('agent-client-tls', certificatePem(otherCn.cert), privateKeyPem(otherCn.keys)), '---', ...caMap(certificatePem(caA.cert))]);

  // openchoreo/agent-client-ca (seed 002, Step 6): an agent against the clientCA of the CRs of its plane type and planeID.
  const oc = path.join(ROOT, 'test/fixtures/openchoreo');
  const ow = (rel: string, lines: string[] | string, mode = 0o644) => write(path.join(oc, rel), Array.isArray(lines) ? lines.join('\n') + '\n' : lines, mode);
  const cr = (kind: string, name: string, caPem: string) => ['apiVersion: openchoreo.dev/v1alpha1', `kind: ${kind}`, 'metadata:', `  name: ${name}`, '  namespace: default', 'spec:', '  planeID: "default"', '  clusterAgent:', '    clientCA:', '      value: |', ...caPem.trimEnd().split('\n').map((l) => '        ' + l)];
  for (const dir of ['bad-agent-client-ca', 'ok-agent-client-ca']) fs.rmSync(path.join(oc, dir), { recursive: true, force: true });
  ow('bad-agent-client-ca/values.yaml', values());
  ow('bad-agent-client-ca/secrets.yaml', [...noted('agent-client-tls', certificatePem(agentB.cert), privateKeyPem(agentB.keys), "error openchoreo/agent-client-ca /The agent certificate 'default' \\(planeID default, dataplane\\) is not verified by the clientCA of any of its 1 plane CR\\(s\\)/", 'openchoreo-data-plane'), '---', ...caMap(certificatePem(caA.cert))]);
  // The data plane's CR trusts caA; a build plane with the same planeID trusts caB, which does not count for a data plane agent.
  ow('bad-agent-client-ca/planes.yaml', ['# The agent was issued by some-other-ca; only the BuildPlane (another plane type) trusts it.', ...cr('DataPlane', 'my-data-plane', certificatePem(caA.cert)), '---', ...cr('BuildPlane', 'my-build-plane', certificatePem(caB.cert))]);
  ow('ok-agent-client-ca/values.yaml', values());
  ow('ok-agent-client-ca/secrets.yaml', [...secret('agent-client-tls', certificatePem(agentB.cert), privateKeyPem(agentB.keys)), '---', ...caMap(certificatePem(caA.cert))]);
  ow('ok-agent-client-ca/planes.yaml', ['# Two DataPlane CRs with planeID default: any of their clientCAs may verify the agent (seed 002, "certificate not valid for any CR").', ...cr('DataPlane', 'plane-a', certificatePem(caA.cert)), '---', ...cr('DataPlane', 'plane-b', certificatePem(caB.cert))]);

  // xref/ingress-host-without-tls: no workspace needed.
  w('bad-ingress-host-without-tls.yaml', ['# xref/ingress-host-without-tls: www.example.com is routed but not in tls.', 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: app', 'spec:', '  tls:', '    - secretName: app-tls', '      hosts:', '        - app.example.com', '  rules:', '    - host: app.example.com', '    - host: www.example.com', caret('    - host: www.example.com', 'www.example.com', "warning xref/ingress-host-without-tls /Host 'www\\.example\\.com' has no tls entry/")]);
  w('ok-ingress-host-without-tls.yaml', ['# xref/ingress-host-without-tls: a wildcard tls host covers both; an Ingress without tls is plain HTTP on purpose.', 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: app', 'spec:', '  tls:', '    - secretName: app-tls', '      hosts:', '        - "*.example.com"', '  rules:', '    - host: app.example.com', '    - host: www.example.com', '---', 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: plain', 'spec:', '  rules:', '    - host: plain.example.com']);

  // xref/unresolved-reference.
  w('bad-unresolved-reference/site.conf', ['server {', '    listen 443 ssl;', '    server_name app.example.com;', '    ssl_certificate /etc/ssl/app.crt;', caret('    ssl_certificate /etc/ssl/app.crt;', '/etc/ssl/app.crt', "information xref/unresolved-reference /File '\\/etc\\/ssl\\/app\\.crt' is not in the workspace \\(map its prefix.*Named by nginx ssl_certificate\\./"), '    ssl_certificate_key /etc/ssl/app.key;', caret('    ssl_certificate_key /etc/ssl/app.key;', '/etc/ssl/app.key', 'information xref/unresolved-reference'), '    add_header Strict-Transport-Security "max-age=63072000" always;', '}']);
  const spinRef = (k: string) => `            ${k}: encryptedFile:k8s!n:spin-secrets!k:${k === 'cacertFile' ? 'ca.pem' : 'dinghy.crt'}`;
  w('bad-unresolved-reference/spinnaker.yaml', ['# One missing Secret named by three keys: said once, naming the keys.', 'apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', 'spec:', '  spinnakerConfig:', '    profiles:', '      dinghy:', '        server:', '          ssl:', '            enabled: true',
    spinRef('certFile'), caret(spinRef('certFile'), 'encryptedFile:k8s!n:spin-secrets!k:dinghy.crt', "information xref/unresolved-reference /Secret 'spin-secrets' is not in the workspace: .*Named by dinghy server\\.ssl\\.certFile, dinghy server\\.ssl\\.cacertFile, dinghy http\\.cacertFile \\(3 places\\)\\./"),
    spinRef('cacertFile'), '        http:', spinRef('cacertFile').replace('            ', '          ')]);
  w('ok-unresolved-reference/tls-lens-test-settings.json', JSON.stringify({ pathMappings: { '/etc/ssl/': 'deploy/ssl/' } }, null, 2));
  w('ok-unresolved-reference/site.conf', ['# /etc/ssl/ maps to deploy/ssl/ (tlsLens.pathMappings).', 'server {', '    listen 443 ssl;', '    server_name app.example.com;', '    ssl_certificate /etc/ssl/app.crt;', '    ssl_certificate_key /etc/ssl/app.key;', '    add_header Strict-Transport-Security "max-age=63072000" always;', '}']);
  w('ok-unresolved-reference/deploy/ssl/app.crt', chain);
  w('ok-unresolved-reference/deploy/ssl/app.key', key, 0o600);

  // xref/keystore-unreadable: Spinnaker's Java stores (seed 001) that cannot be read.
  const spin = (ssl: string[]) => ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: spinnaker', '  namespace: default', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        server:', '          ssl:', ...ssl];
  const ks = '            key-store: encryptedFile:k8s!n:spin-secrets!k:gate.p12';
  const ts = '            trust-store: truststore.p12';
  w('bad-keystore-unreadable/spinnaker.yaml', ['# xref/keystore-unreadable: a "keystore" that is not one, and a truststore whose PBKDF2 iteration count is 2^31-1.', ...spin([
    ks, caret(ks, 'encryptedFile:k8s!n:spin-secrets!k:gate.p12', "warning xref/keystore-unreadable /gate server\\.ssl\\.key-store 'spin-secrets' cannot be read: it is neither a JKS keystore \\(which starts with FEEDFEED\\) nor a PKCS#12 one/"),
    '            key-store-type: PKCS12', '            key-store-password: changeit',
    ts, caret(ts, 'truststore.p12', "warning xref/keystore-unreadable /is refused: its PBKDF2 iteration count \\(2,147,483,647\\) is over 5,000,000/"),
    '            trust-store-type: PKCS12', '            trust-store-password: changeit'])]);
  w('bad-keystore-unreadable/secret.yaml', ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: spin-secrets', '  namespace: default', 'type: Opaque', 'data:', `  gate.p12: ${b64('this is not a keystore')}`]);
  fs.writeFileSync(path.join(dir, 'bad-keystore-unreadable/truststore.p12'), pkcs12WithIterations(2 ** 31 - 1));
  w('ok-keystore-unreadable/spinnaker.yaml', ['# xref/keystore-unreadable: a JKS truststore (what keytool -importcert writes) is read for its CA.', ...spin(['            trust-store: truststore.jks', '            trust-store-type: JKS', '            trust-store-password: changeit'])]);
  fs.writeFileSync(path.join(dir, 'ok-keystore-unreadable/truststore.jks'), jksTruststore([{ alias: 'ca', der: new Uint8Array(caA.cert.der) }]));
  void root;
}

async function k8sFixtures(inter: Issuer, leaf: Issuer): Promise<void> {
  const dir = path.join(ROOT, 'test/fixtures/k8s');
  const w = (rel: string, lines: string[]) => write(path.join(dir, rel), lines.join('\n') + '\n');
  const chain = certificatePem(leaf.cert) + certificatePem(inter.cert);
  const key = privateKeyPem(leaf.keys);
  const keyLines = key.trimEnd().split('\n');
  const head = (name: string, type: string) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: default', `type: ${type}`];
  // k8s/invalid-secret-data: a raw PEM key under data (not base64), base64 of something that is no certificate, a ConfigMap CA that is no PEM.
  w('bad-invalid-secret-data.yaml', [
    '# k8s/invalid-secret-data: values Kubernetes or its consumers cannot load (and that no message may quote).',
    ...head('app-tls', 'kubernetes.io/tls'), 'data:',
    `  tls.crt: ${b64('hello, I am not a certificate')}`,
    caret(`  tls.crt: ${b64('hello, I am not a certificate')}`, b64('hello, I am not a certificate'), 'error k8s/invalid-secret-data /Secret app-tls: tls\\.crt holds no PEM certificate \\(its base64 decodes to something else\\): an Ingress controller or a pod cannot load it/'),
    '  # expect-next-line: error k8s/invalid-secret-data /Secret app-tls: data\\.tls\\.key is not base64, so the API server rejects the Secret/',
    '  tls.key: |', ...keyLines.map((l) => '    ' + l),
    '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cluster-gateway-ca', 'data:',
    '  ca.crt: "paste ca.crt here"',
    caret('  ca.crt: "paste ca.crt here"', '"paste ca.crt here"', 'error k8s/invalid-secret-data /ConfigMap cluster-gateway-ca: ca\\.crt holds no PEM certificate: whatever mounts it cannot load it/'),
  ]);
  w('ok-invalid-secret-data.yaml', [
    '# k8s/invalid-secret-data: base64 PEM under data, plain PEM under stringData, an empty value still to fill.',
    ...head('app-tls', 'kubernetes.io/tls'), 'data:', `  tls.crt: ${b64(chain)}`, `  tls.key: ${b64(key)}`,
    '---', ...head('app-tls-plain', 'kubernetes.io/tls'), 'stringData:', '  tls.crt: |', ...chain.trimEnd().split('\n').map((l) => '    ' + l), '  tls.key: |', ...keyLines.map((l) => '    ' + l),
    '---', ...head('app-tls-todo', 'kubernetes.io/tls'), 'data:', '  tls.crt: ""', '  tls.key: ""',
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
