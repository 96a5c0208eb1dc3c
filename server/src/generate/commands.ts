/**
 * The generate commands, as plans: one function per command, which the table of kinds (kinds.ts)
 * calls for the CLI (`tls-lens generate …`) and the language server (workspace/executeCommand).
 * Inputs are texts the caller has read under its read policy; the caller writes the plan
 * (generate/files.ts).
 */
import * as path from 'node:path';
import { DEFAULT_CA_DAYS, DEFAULT_DAYS, issueCa, Issued, issueLeaf, KeyChoice, keyChoiceOf, LeafRole, makeCsr, sanOf, distinguishedName } from './certificates';
import { certificatePem, csrPem, privateKeyPem } from '../x509/generate';
import { commonName } from '../x509/certificate';
import { certificatesOf, GenerateInputError, keyMatches, keyPairOf, loadCa, roleOfCertificate } from './load';
import { codeSpan, PlanBuilder, shellCommand } from './kit';
import type { Plan } from './types';
import { commonNameFor, fileBase, fileName, kubeName, kubeNamespace, nameValue, sanNames, textValue } from '../core/names';
import { BUNDLES, bundleOf } from '../products/bundles';
import type { BundleFile } from '../products/types';

export interface CommonOptions {
  /** Absolute output folder. */
  readonly out: string;
  readonly key?: KeyChoice;
  readonly days?: number;
  readonly now?: Date;
  readonly version?: string;
  /** The most certificates a bundle may make (default DEFAULT_MAX_CERTIFICATES). */
  readonly max?: number;
  /** A CA (certificate and key texts) to sign with; without it a new CA is made. */
  readonly ca?: { readonly cert: string; readonly key: string; /** Where it was read from (absolute). */ readonly file?: string };
}

async function builder(o: CommonOptions, title: string): Promise<PlanBuilder> {
  const ca = o.ca ? await loadCa(o.ca.cert, o.ca.key) : undefined;
  return new PlanBuilder({ key: o.key, days: o.days, caDays: o.days ?? DEFAULT_CA_DAYS, now: o.now, ca, outDir: o.out, version: o.version, max: o.max }, title);
}

/** A `--name` file base, checked with the extension it gets (the longest one the command adds). */
function base(name: string | undefined, fallback: string, ext: string): string {
  if (name === undefined) return fallback;
  fileName('--name', `${name}${ext}`);
  return name;
}

/** A root CA, or an intermediate when `o.ca` is given. */
export async function generateCa(o: CommonOptions & { cn: string; org?: string; pathLen?: number; name?: string }): Promise<Plan> {
  const parent = o.ca ? await loadCa(o.ca.cert, o.ca.key) : undefined;
  nameValue('the common name', o.cn);
  const file = base(o.name, 'ca', '-chain.crt');
  const b = new PlanBuilder({ key: o.key, now: o.now, outDir: o.out, version: o.version }, parent ? `Intermediate CA ${o.cn}` : `CA ${o.cn}`);
  const ca = await issueCa({ cn: o.cn, org: o.org, key: o.key, days: o.days ?? DEFAULT_CA_DAYS, issuer: parent, pathLen: o.pathLen, now: o.now });
  b.caCertificate(`${file}.crt`, ca, parent ? `An intermediate CA signed by ${parent.cert.subject.text}.` : 'A self-signed root CA.');
  b.add({
    path: `${file}.key`, kind: 'key', role: 'ca', name: o.cn, purpose: `The private key of ${file}.crt. Keep it offline.`, secret: true,
    content: privateKeyPem(ca.keys),
  });
  if (parent) b.caCertificate(`${file}-chain.crt`, parent, 'The CA that signed it (append it to leaf chains).');
  return b.finish();
}

/** A leaf certificate and key signed by the given CA, or by a new CA made alongside. */
export async function generateLeaf(
  o: CommonOptions & { role: LeafRole; cn?: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; name?: string },
): Promise<Plan> {
  const { dns, ip } = sanNames(o.dns, o.ip);
  if (o.cn !== undefined) nameValue('the common name', o.cn);
  const cn = o.cn ?? (dns[0] !== undefined ? commonNameFor(dns[0]) : ip[0]);
  const file = base(o.name, fileBase(cn ?? ''), '.crt');
  if (!cn) {
    throw new GenerateInputError(o.role === 'client'
      ? 'a client certificate needs --cn (the identity the server checks)'
      : 'a server certificate needs --dns or --ip (the names clients connect to)');
  }
  if (o.role !== 'client' && !dns.length && !ip.length) {
    throw new GenerateInputError('a server certificate needs --dns or --ip: clients match the subjectAltName, never the CN (RFC 9525)');
  }
  const b = await builder(o, `${o.role === 'client' ? 'Client' : o.role === 'peer' ? 'Server and client' : 'Server'} certificate for ${cn}`);
  const ca = await b.ca('TLS Lens CA');
  const leaf = await b.leaf({ role: o.role, cn, org: o.org, dns, ip, issuer: ca });
  await b.pem(
    leaf, `${file}.crt`, `${file}.key`, cn,
    o.role === 'client'
      ? `Client certificate (clientAuth) for ${cn}.`
      : o.role === 'peer' ? `Certificate for ${cn} as server and as client.` : `Server certificate (serverAuth) for ${[...dns, ...ip].join(', ')}.`,
  );
  // The CA beside what it signed, unless it is there already.
  if (o.ca && (!o.ca.file || path.dirname(o.ca.file) !== path.resolve(o.out))) {
    b.caCertificate(o.ca.file ? path.basename(o.ca.file) : 'ca.crt', ca, 'The CA that signed it.');
  }
  return b.finish();
}

/** A CSR and its key, for a CA elsewhere (corporate PKI, Vault). */
export async function generateCsr(
  o: CommonOptions & { cn: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; name?: string },
): Promise<Plan> {
  const { dns, ip } = sanNames(o.dns, o.ip);
  const subject = distinguishedName(o.cn, o.org);
  const file = base(o.name, fileBase(o.cn), '.csr');
  const b = new PlanBuilder({ now: o.now, outDir: o.out, version: o.version }, `Certificate request for ${o.cn}`);
  const { csr, keys } = await makeCsr({ cn: o.cn, org: o.org, dns, ip, key: o.key });
  b.add({
    path: `${file}.csr`, kind: 'csr', name: o.cn, purpose: 'The certificate request (PKCS#10) to send to your CA.', subject, dnsNames: dns,
    ipAddresses: ip, secret: false, content: csrPem(csr),
  });
  b.add({
    path: `${file}.key`, kind: 'key', name: o.cn, purpose: `The private key of ${file}.csr: the certificate your CA returns goes with it.`,
    secret: true, content: privateKeyPem(keys),
  });
  b.note(`Check the request before sending it: ${codeSpan(shellCommand('openssl', 'req', '-in', `${file}.csr`, '-noout', '-text', '-verify'))}.`);
  return b.finish();
}

/** A PKCS#12 keystore from a PEM certificate (with its chain) and key. */
export async function generateKeystore(o: CommonOptions & { certPem: string; keyPem: string; chain?: string; alias?: string; name?: string }): Promise<Plan> {
  const certs = certificatesOf(o.certPem, 'the certificate');
  const keys = keyPairOf(o.keyPem, 'the key');
  if (!keyMatches(certs[0], keys)) throw new GenerateInputError('the key is not the key of the certificate (their public keys differ)');
  const chain = [...certs.slice(1), ...(o.chain ? certificatesOf(o.chain, 'the chain') : [])];
  const leaf = relink(certs[0], keys, chain);
  const alias = textValue('--alias', o.alias ?? 'server', 64);
  const file = base(o.name, fileBase(alias), '.p12.password');
  const b = new PlanBuilder({ now: o.now, outDir: o.out, version: o.version }, `PKCS#12 keystore ${alias}`);
  await b.keystore(leaf, `${file}.p12`, alias, alias, `Keystore of ${certs[0].subject.text}`);
  return b.finish();
}

/** The chain hangs off the leaf as its issuers (leaf first), so a keystore holds it in order. */
function relink(cert: Issued['cert'], keys: Issued['keys'], chain: Issued['cert'][]): Issued {
  let issuer: Issued | undefined;
  for (let i = chain.length - 1; i >= 0; i--) issuer = { cert: chain[i], keys, role: 'ca', ...(issuer ? { issuer } : {}) };
  return { cert, keys, role: 'server', ...(issuer ? { issuer } : {}) };
}

/** A PKCS#12 truststore of CA certificates (every certificate of the given PEM texts). */
export async function generateTruststore(o: CommonOptions & { cas: readonly string[]; name?: string }): Promise<Plan> {
  const certs = o.cas.flatMap((t, i) => certificatesOf(t, `CA file ${i + 1}`));
  const file = base(o.name, 'truststore', '.p12.password');
  const b = new PlanBuilder({ now: o.now, outDir: o.out, version: o.version }, 'PKCS#12 truststore');
  await b.truststore(certs.map((cert) => ({ cert })), `${file}.p12`, file, `Truststore of ${certs.length} CA certificate(s)`);
  return b.finish();
}

/** A kubernetes.io/tls Secret manifest from a PEM certificate and key. */
export async function generateSecret(
  o: CommonOptions & { certPem: string; keyPem: string; caCert?: string; secretName: string; namespace?: string },
): Promise<Plan> {
  kubeName('the Secret name', o.secretName);
  if (o.namespace !== undefined) kubeNamespace(o.namespace);
  const certs = certificatesOf(o.certPem, 'the certificate');
  const keys = keyPairOf(o.keyPem, 'the key');
  if (!keyMatches(certs[0], keys)) throw new GenerateInputError('the key is not the key of the certificate (their public keys differ)');
  const leaf = relink(certs[0], keys, certs.slice(1));
  const ca = o.caCert ? { cert: certificatesOf(o.caCert, 'the CA')[0] } : undefined;
  const b = new PlanBuilder({ now: o.now, outDir: o.out, version: o.version }, `Kubernetes TLS Secret ${o.secretName}`);
  await b.tlsSecret(`${o.secretName}.yaml`, {
    name: o.secretName, namespace: o.namespace, leaf, ca,
    purpose: `Secret ${o.secretName} (kubernetes.io/tls) with ${certs[0].subject.text}.`,
  });
  return b.finish();
}

/**
 * A renewal: the same subject, names and usages, a new key of the same kind and a new validity
 * (the old lifetime, or `days`), signed by the CA given, or self-signed when the old one was.
 */
export async function generateRenewal(o: CommonOptions & { certPem: string; name?: string }): Promise<{ plan: Plan; renewed: Issued }> {
  const [old] = certificatesOf(o.certPem, 'the certificate');
  const role = roleOfCertificate(old);
  const selfSigned = old.selfSigned;
  const issuer = o.ca ? await loadCa(o.ca.cert, o.ca.key) : undefined;
  if (!issuer && !selfSigned) {
    throw new GenerateInputError(
      `the certificate was issued by ${old.issuer.text}: its CA and key are needed to renew it (--ca and --ca-key), or make a CSR for that CA (generate csr)`,
    );
  }
  if (issuer && issuer.cert.subject.key !== old.issuer.key) {
    throw new GenerateInputError(`--ca is ${issuer.cert.subject.text}, but the certificate was issued by ${old.issuer.text}`);
  }
  const lifetime = Math.max(1, Math.round((old.notAfter.getTime() - old.notBefore.getTime()) / 86_400_000));
  const days = o.days ?? lifetime ?? DEFAULT_DAYS;
  const key = o.key ?? keyChoiceOf(old);
  const { dns, ip } = sanOf(old);
  const renewed = role === 'ca'
    ? await issueCa({ cn: '', subject: old.subject.der, key, days, issuer, now: o.now })
    : await issueLeaf({ role, cn: '', subject: old.subject.der, dns, ip, kept: true, key, days, now: o.now, issuer });
  const b = new PlanBuilder({ now: o.now, outDir: o.out, version: o.version }, `Renewal of ${old.subject.text}`);
  const file = base(o.name, fileBase(commonName(old) ?? 'certificate'), '.crt');
  if (role === 'ca') {
    b.caCertificate(`${file}.crt`, renewed, `Renewed CA (was valid until ${old.notAfter.toISOString().slice(0, 10)}).`);
  } else {
    b.add({
      path: `${file}.crt`, kind: 'certificate', role, name: file,
      purpose: `Renewed certificate (the old one expires ${old.notAfter.toISOString().slice(0, 10)}).`, subject: old.subject.text,
      dnsNames: dns, ipAddresses: ip, notAfter: renewed.cert.notAfter, secret: false, content: certificatePem(renewed.cert),
    });
  }
  b.add({
    path: `${file}.key`, kind: 'key', role, name: file, purpose: `The new private key of ${file}.crt.`, secret: true,
    content: privateKeyPem(renewed.keys),
  });
  if (role === 'ca') {
    b.note(
      'A renewed CA has a new key: certificates it issued before do not chain to it. Re-issue them, or keep the old CA in the trust stores until they expire.',
    );
  }
  return { plan: b.finish(), renewed };
}

/**
 * A product's whole TLS set from its configuration files (already parsed), by the product
 * module's recipe. Refused when the files hold nothing the recipe makes certificates for.
 */
export async function generateBundle(o: CommonOptions & { product: string; files: readonly BundleFile[] }): Promise<Plan> {
  const entry = bundleOf(o.product);
  if (!entry) throw new GenerateInputError(`unknown bundle '${o.product}' (one of ${BUNDLES.map((b) => b.id).join(', ')})`);
  const b = await builder(o, `${entry.title} TLS bundle`);
  await entry.make(o.files, b);
  if (!b.plan.files.length) {
    const why = b.plan.notes.length ? `: ${b.plan.notes.join(' ')}` : '';
    throw new GenerateInputError(`no ${entry.title} configuration that needs a certificate was found in the given files${why}`);
  }
  b.note(`Made from ${o.files.length} configuration file(s): ${o.files.map((f) => f.shown ?? f.path).join(', ')}.`);
  return b.finish();
}
