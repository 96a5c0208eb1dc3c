/**
 * The generate actions of diagnostics, run when chosen: renew or re-issue a certificate where it
 * lives (edits to the PEM block, the Secret value, and its key), or make what a configuration
 * names and the workspace lacks (files, or a Secret manifest). Offsets and files only; the
 * feature layer turns edits into a WorkspaceEdit.
 */
import * as path from 'node:path';
import { issueCa, Issued, issueLeaf, keyChoiceOf, KeyChoice, LeafRole, sanOf } from './certificates';
import { certificatePem, privateKeyDer, privateKeyPem } from '../x509/generate';
import { commonName } from '../x509/certificate';
import { certificatesOf, GenerateInputError, loadCa, roleOfCertificate } from './load';
import { chainPem, PlanBuilder } from './kit';
import type { GenerateContext, Place } from './context';
import type { Plan } from './types';
import type { GenerateFix } from '../core/fixes';
import { commonNameFor, fileBase, splitHosts } from '../core/names';

export interface OffsetEdit { readonly path: string; readonly start: number; readonly end: number; readonly newText: string }

export interface ActionOutcome {
  readonly title: string;
  /** Files to write (under `out`), when any. */
  readonly plan?: Plan;
  readonly out?: string;
  readonly edits: readonly OffsetEdit[];
  /** The edits replace a private key (the client asks first). */
  readonly replacesKey: boolean;
  readonly notes: readonly string[];
}

/** A renewal shorter than this keeps this much: a diagnostic about expiry must go away. */
const MIN_RENEWAL_DAYS = 90;

/** The text that replaces an item at a place. */
export function replacement(place: Place, pem: string): string {
  const all = pem.trimEnd() + '\n' + (place.others ?? '');
  if (place.form === 'base64') return Buffer.from(all, 'utf8').toString('base64');
  if (place.form === 'block') return `|\n${all.trimEnd().split('\n').map((l) => place.indent + l).join('\n')}`;
  return pem.trimEnd().split('\n').join(`\n${place.indent}`);
}

function within(roots: readonly string[], p: string): boolean {
  return roots.some((r) => { const rel = path.relative(r, p); return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)); });
}

/**
 * A certificate inside a keystore, renewed: a new key and validity, the same subject, names and
 * usages, signed by its CA; the keystore written again with it (same alias and password, the
 * store's other certificates as its chain). PKCS#12 only, and only a store with one private key
 * (a second one would be lost). The keystore file is replaced (the caller asks first), or a
 * Secret's base64 value is edited.
 */
async function renewInKeystore(ctx: GenerateContext, o: { now?: Date; version?: string }): Promise<ActionOutcome> {
  const ks = ctx.keystore;
  if (!ks || !ctx.cert) throw new GenerateInputError(ctx.problem ?? 'the certificate is no longer in the keystore');
  const [old] = certificatesOf(ctx.cert.pem, 'the certificate');
  if (ks.format === 'JKS') {
    throw new GenerateInputError(
      `${ks.name} is a JKS keystore, and TLS Lens writes PKCS#12: convert it (keytool -importkeystore -srckeystore ${ks.name} `
        + `-destkeystore ${fileBase(ks.name)}.p12 -deststoretype PKCS12), point the configuration at the .p12 with key-store-type PKCS12, `
        + 'and renew again',
    );
  }
  if (ks.keyEntries > 1) {
    throw new GenerateInputError(`${ks.name} holds ${ks.keyEntries} private keys: writing it again with the renewed one would lose the others`);
  }
  if (ks.password === undefined) throw new GenerateInputError(`the configuration gives no password for ${ks.name}`);
  const role = roleOfCertificate(old);
  if (role === 'ca') throw new GenerateInputError(`'${old.subject.text}' in ${ks.name} is a CA: renew it where its key lives, then import it`);
  if (!old.selfSigned && !ctx.issuer) throw new GenerateInputError(ctx.problem ?? 'the key of the CA that issued it is not in the workspace');
  const issuer = !old.selfSigned && ctx.issuer ? await loadCa(ctx.issuer.certPem, ctx.issuer.keyPem, `the CA in ${path.basename(ctx.issuer.path)}`) : undefined;
  const lifetime = Math.round((old.notAfter.getTime() - old.notBefore.getTime()) / 86_400_000);
  const san = sanOf(old);
  const renewed = await issueLeaf({
    role, cn: '', subject: old.subject.der, dns: san.dns, ip: san.ip, kept: true, key: keyChoiceOf(old),
    days: Math.max(lifetime, MIN_RENEWAL_DAYS), issuer, now: o.now,
  });
  const chain = [renewed.cert.der, ...ks.chainPems.flatMap((p) => certificatesOf(p, 'the keystore chain').map((c) => c.der))];
  const alias = ks.alias ?? fileBase(commonName(old) ?? ks.name);
  const { keystore } = await import('./pkcs12.js');
  const bytes = await keystore(privateKeyDer(renewed.keys), chain, alias, ks.password);
  const until = renewed.cert.notAfter.toISOString().slice(0, 10);
  const title = `Renewed ${old.subject.text} in ${ks.name} until ${until}`;
  const notes = [
    `${ks.name} was written again: the renewed certificate and its new key under the alias '${alias}', the same password, and the store's `
      + 'other certificates as its chain. Restart or roll the service to load it.',
  ];
  if (ks.valueSpan) {
    return {
      title, edits: [{ path: ks.path, start: ks.valueSpan.start, end: ks.valueSpan.end, newText: Buffer.from(bytes).toString('base64') }],
      replacesKey: true, notes,
    };
  }
  const out = path.dirname(ks.path);
  const b = new PlanBuilder({ outDir: out, now: o.now, version: o.version }, title);
  b.add({
    path: path.basename(ks.path), kind: 'pkcs12', role, name: path.basename(ks.path),
    purpose: `${ks.name} with ${old.subject.text} renewed until ${until}.`, subject: old.subject.text, dnsNames: san.dns,
    ipAddresses: san.ip, notAfter: renewed.cert.notAfter, secret: true, content: bytes,
  });
  return { title, plan: b.plan, out, edits: [], replacesKey: true, notes };
}

async function renewOrReissue(
  fix: Extract<GenerateFix, { action: 'renew' | 'reissue' }>, ctx: GenerateContext, o: { now?: Date; version?: string },
): Promise<ActionOutcome> {
  if (fix.action === 'renew' && fix.inKeystore) return renewInKeystore(ctx, o);
  if (!ctx.cert) throw new GenerateInputError(ctx.problem ?? 'the certificate is no longer in the workspace');
  const [old] = certificatesOf(ctx.cert.pem, 'the certificate');
  const selfSigned = old.selfSigned;
  if (!selfSigned && !ctx.issuer) throw new GenerateInputError(ctx.problem ?? 'the key of the CA that issued it is not in the workspace');
  const issuer = !selfSigned && ctx.issuer ? await loadCa(ctx.issuer.certPem, ctx.issuer.keyPem, `the CA in ${path.basename(ctx.issuer.path)}`) : undefined;
  const oldRole = roleOfCertificate(old);
  const role = fix.action === 'reissue' && fix.role ? fix.role : oldRole;
  const lifetime = Math.round((old.notAfter.getTime() - old.notBefore.getTime()) / 86_400_000);
  const days = Math.max(lifetime, MIN_RENEWAL_DAYS);
  const key: KeyChoice = keyChoiceOf(old);
  const san = sanOf(old);
  const added = splitHosts(fix.action === 'reissue' ? fix.addNames ?? [] : []);
  for (const n of added.ip) if (!san.ip.includes(n)) san.ip.push(n);
  for (const n of added.dns) if (!san.dns.includes(n)) san.dns.push(n);
  const renewed: Issued = role === 'ca'
    ? await issueCa({ cn: '', subject: old.subject.der, key, days, issuer, now: o.now })
    : await issueLeaf({ role: role as LeafRole, cn: '', subject: old.subject.der, dns: san.dns, ip: san.ip, kept: true, key, days, issuer, now: o.now });
  const edits: OffsetEdit[] = [];
  const notes: string[] = [];
  const certPlace = ctx.cert.place;
  // A server's chain stays as it was; in a Secret's tls.crt the intermediates follow the leaf.
  edits.push({
    path: certPlace.path, start: certPlace.start, end: certPlace.end,
    newText: replacement(certPlace, certPlace.form === 'pem' ? certificatePem(renewed.cert) : chainPem({ ...renewed, issuer: undefined })),
  });
  const keyPem = privateKeyPem(renewed.keys);
  let plan: Plan | undefined;
  let out: string | undefined;
  if (ctx.key) {
    edits.push({ path: ctx.key.place.path, start: ctx.key.place.start, end: ctx.key.place.end, newText: replacement(ctx.key.place, keyPem) });
  } else {
    out = path.dirname(certPlace.path);
    const b = new PlanBuilder({ outDir: out, now: o.now, version: o.version }, `New key of ${old.subject.text}`);
    const name = `${fileBase(commonName(old) ?? path.basename(certPlace.path))}.key`;
    b.add({
      path: name, kind: 'key', role, name, purpose: `The new private key of ${old.subject.text} (its old key is not in the workspace).`,
      secret: true, content: keyPem,
    });
    plan = b.plan;
    notes.push(`The old private key was not found in the workspace: the new one is ${name}; point the configuration at it.`);
  }
  const title = fix.action === 'renew'
    ? `Renewed ${old.subject.text} until ${renewed.cert.notAfter.toISOString().slice(0, 10)}`
    : `Re-issued ${old.subject.text}${san.dns.length ? ` for ${[...san.dns, ...san.ip].join(', ')}` : ''}`;
  if (role === 'ca') notes.push('A renewed CA has a new key: re-issue what it signed, or keep the old CA trusted until those expire.');
  return { title, plan, out, edits, replacesKey: !!ctx.key, notes };
}

async function create(
  fix: Extract<GenerateFix, { action: 'create' }>, ctx: GenerateContext,
  o: { now?: Date; version?: string; key?: KeyChoice; days?: number },
): Promise<ActionOutcome> {
  const ref = fix.ref;
  const dir = path.dirname(fix.fromPath);
  const issuer = ctx.issuer ? await loadCa(ctx.issuer.certPem, ctx.issuer.keyPem, `the CA in ${path.basename(ctx.issuer.path)}`) : undefined;
  const { dns, ip } = splitHosts((ref.hosts ?? []).filter((h) => !h.includes('$')));
  const role: LeafRole | 'ca' = ref.role === 'ca' ? 'ca' : ref.role.startsWith('client') ? 'client' : 'server';
  if (ref.kind === 'file') {
    const certAbs = path.resolve(dir, ref.target);
    const keyAbs = fix.keyTarget ? path.resolve(dir, fix.keyTarget) : certAbs.replace(/\.(pem|crt|cer)$/i, '') + '.key';
    const out = path.dirname(certAbs);
    if (!within(ctx.roots, certAbs) || !within(ctx.roots, keyAbs) || !within([out], keyAbs)) {
      throw new GenerateInputError(`'${ref.target}' and its key must be in the workspace, in one folder tree`);
    }
    const b = new PlanBuilder(
      { outDir: out, now: o.now, version: o.version, key: o.key, days: o.days, ca: issuer },
      `Certificate for ${path.basename(fix.fromPath)}`,
    );
    const rel = (p: string) => path.relative(out, p).split(path.sep).join('/');
    if (role === 'ca') {
      const ca = issuer ?? await issueCa({ cn: `${path.basename(dir)} CA`, key: o.key, now: o.now });
      b.caCertificate(rel(certAbs), ca, `The CA ${path.basename(fix.fromPath)} names.`);
      if (!issuer) {
        b.add({
          path: rel(keyAbs), kind: 'key', role: 'ca', name: 'ca', purpose: 'Its private key. Keep it offline.', secret: true,
          content: privateKeyPem(ca.keys),
        });
      }
    } else {
      if (role === 'server' && !dns.length && !ip.length) {
        throw new GenerateInputError('no hostname is known for it: give the server its names (server_name, dnsNames, hosts) first');
      }
      const ca = await b.ca(`${path.basename(dir)} CA`);
      const cn = role === 'client' ? ref.cn ?? path.basename(certAbs).replace(/\.[^.]+$/, '') : dns[0] !== undefined ? commonNameFor(dns[0]) : ip[0];
      const leaf = await b.leaf({ role, cn, dns, ip, issuer: ca });
      await b.pem(leaf, rel(certAbs), rel(keyAbs), cn, `${role === 'client' ? 'Client' : 'Server'} certificate ${path.basename(fix.fromPath)} names.`);
    }
    if (!issuer && role !== 'ca') b.note(`No CA with its key was found in the workspace (or more than one): a new CA is in ${rel(path.join(out, 'ca.crt'))}.`);
    return { title: `Made ${ref.target}`, plan: b.plan, out, edits: [], replacesKey: false, notes: b.plan.notes };
  }
  const out = path.join(dir, 'pki');
  if (!within(ctx.roots, out)) throw new GenerateInputError('the configuration is outside the workspace');
  const b = new PlanBuilder(
    { outDir: out, now: o.now, version: o.version, key: o.key, days: o.days, ca: issuer },
    `${ref.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${ref.target}`,
  );
  const ca = await b.ca(`${path.basename(dir)} CA`);
  const file = `${fileBase(ref.target)}.yaml`;
  if (role === 'ca') {
    b.caObject(file, {
      kind: ref.kind === 'configmap' ? 'ConfigMap' : 'Secret', name: ref.target, namespace: ref.namespace, ca, key: ref.key,
      purpose: `${ref.kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ref.target} with the CA.`,
    });
  } else {
    if (role === 'server' && !dns.length && !ip.length) throw new GenerateInputError('no hostname is known for it: give the configuration its hosts first');
    const cn = role === 'client' ? ref.cn ?? ref.target : dns[0] !== undefined ? commonNameFor(dns[0]) : ip[0];
    const leaf = await b.leaf({ role, cn, dns, ip, issuer: ca });
    await b.tlsSecret(file, {
      name: ref.target, namespace: ref.namespace, leaf, ca,
      purpose: `Secret ${ref.target} (kubernetes.io/tls): `
        + `${role === 'client' ? `client certificate CN=${cn}` : `server certificate for ${[...dns, ...ip].join(', ')}`}.`,
    });
  }
  if (!issuer) b.note('No CA with its key was found in the workspace (or more than one): a new CA is in pki/ca.crt.');
  return {
    title: `Made ${ref.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${ref.target} (pki/${file})`, plan: b.plan, out, edits: [],
    replacesKey: false, notes: b.plan.notes,
  };
}

export function runAction(
  fix: GenerateFix, ctx: GenerateContext, o: { now?: Date; version?: string; key?: KeyChoice; days?: number } = {},
): Promise<ActionOutcome> {
  return fix.action === 'create' ? create(fix, ctx, o) : renewOrReissue(fix, ctx, o);
}

