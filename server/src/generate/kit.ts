/**
 * The plan builder behind every generate command and product bundle: makes keys and certificates,
 * wraps them (PEM, PKCS#12, Secrets, ConfigMaps), and ends with the README of the output folder.
 * Nothing is written here (generate/files.ts writes a finished plan).
 */
import * as path from 'node:path';
import { DEFAULT_CA_DAYS, DEFAULT_DAYS, DEFAULT_KEY, issueCa, Issued, issueLeaf, KeyChoice, keySpecOf, LeafRole, sanOf } from './certificates';
import { commonName } from '../x509/certificate';
import { certificatePem, generateKeys, KeyPair, privateKeyDer, privateKeyPem } from '../x509/generate';
import { configMapManifest, opaqueSecretManifest, tlsSecretManifest } from './manifests';
import { PASSWORD_LENGTH, randomPassword, README_MARK } from './files';
import type { BundleKit, PlannedEdit } from '../core/bundle';
import type { FileRole, Plan, PlannedFile } from './types';
import { GenerateInputError } from '../core/errors';
import { kubeDataKey, kubeName, kubeNamespace } from '../core/names';

/** The most certificates one plan makes unless asked for more (`--max`): a bundle is refused up front beyond it. */
export const DEFAULT_MAX_CERTIFICATES = 500;

/** A word as a POSIX shell reads it: as is when it holds nothing a shell treats specially, else in single quotes. */
export function shellWord(v: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** A Markdown code span of any text: fenced by more backticks than it holds in a row (CommonMark §6.1). */
export function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = /^`|`$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A command line of words, each quoted for a shell as it needs. */
export function shellCommand(...words: string[]): string {
  return words.map(shellWord).join(' ');
}

/** PKCS#12 code (pkijs) is loaded when a store is made, not with every generate command. */
function pkcs12(): typeof import('./pkcs12') {
  return require('./pkcs12') as typeof import('./pkcs12');
}

export interface KitOptions {
  readonly key?: KeyChoice;
  readonly days?: number;
  readonly caDays?: number;
  readonly now?: Date;
  /** A CA to sign with instead of making one (its key is never written again). */
  readonly ca?: Issued;
  /** The most certificates the plan may make (default DEFAULT_MAX_CERTIFICATES). */
  readonly max?: number;
  /** The output folder (absolute), for paths written into configurations. */
  readonly outDir: string;
  readonly version?: string;
}

function roleOf(i: Issued): FileRole {
  return i.role;
}

function names(i: Pick<Issued, 'cert'>): { subject: string; dnsNames: string[]; ipAddresses: string[]; notAfter: Date } {
  const { dns, ip } = sanOf(i.cert);
  return { subject: i.cert.subject.text, dnsNames: dns, ipAddresses: ip, notAfter: i.cert.notAfter };
}

export class PlanBuilder implements BundleKit {
  readonly plan: Plan;
  private theCa?: Issued;
  /** Where each certificate and key went as PEM (for the README's kubectl commands). */
  private readonly pemFiles = new Map<Issued, { cert: string; key?: string }>();

  constructor(readonly o: KitOptions, title: string) {
    this.plan = { title, files: [], notes: [], edits: [] };
  }

  /**
   * Adds a file. Two outputs for one path are one object (the same kind and bytes: kept once) or
   * a conflict between the configuration values that asked for them (refused, naming both).
   */
  add(f: PlannedFile): void {
    const clash = this.plan.files.find((x) => x.path === f.path);
    if (clash) {
      const same = clash.kind === f.kind && (typeof clash.content === 'string' && typeof f.content === 'string'
        ? clash.content === f.content
        : Buffer.from(clash.content).equals(Buffer.from(f.content)));
      if (same) return;
      throw new GenerateInputError(`two outputs would be ${f.path}: ${clash.purpose} and ${f.purpose} (rename one in the configuration)`);
    }
    this.plan.files.push(f);
  }

  /** Certificates made so far. */
  private made = 0;

  /** Refuses a plan of `total` certificates past the bound (before any key of them is made, when a recipe reserves first). */
  private bound(total: number): void {
    const max = this.o.max ?? DEFAULT_MAX_CERTIFICATES;
    if (total > max) throw new GenerateInputError(`this makes ${total} certificates, more than ${max}: nothing was made (--max ${total} makes them)`);
  }

  /** Key pairs being made in the background (RSA keys take long; two cores make two at once). */
  private readonly pool: Promise<KeyPair>[] = [];

  reserve(leaves: number): void {
    const spec = keySpecOf(this.o.key ?? DEFAULT_KEY);
    const n = leaves + (!this.o.ca && !this.theCa ? 1 : 0);
    this.bound(this.made + Math.max(n, this.pool.length));
    for (let i = this.pool.length; i < n; i++) {
      const p = generateKeys(spec);
      p.catch(() => undefined); // a key never taken must not become an unhandled rejection
      this.pool.push(p);
    }
  }

  private async pooled(): Promise<KeyPair | undefined> {
    return this.pool.shift();
  }

  async ca(cn: string, org?: string): Promise<Issued> {
    if (this.o.ca) return this.o.ca;
    if (!this.theCa) {
      this.bound(++this.made);
      const keys = await this.pooled();
      this.theCa = await issueCa({ cn, org, key: this.o.key, days: this.o.caDays ?? DEFAULT_CA_DAYS, now: this.o.now, ...(keys ? { keys } : {}) });
      this.caCertificate('ca.crt', this.theCa, 'The CA certificate: what verifies every certificate of this folder.');
      this.add({
        path: 'ca.key', kind: 'key', role: 'ca', name: cn,
        purpose: 'The CA\'s private key: it signs new and renewed certificates. Keep it offline.', secret: true,
        content: privateKeyPem(this.theCa.keys),
      });
    }
    return this.theCa;
  }

  async leaf(req: { role: LeafRole; cn: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; issuer: Issued }): Promise<Issued> {
    this.bound(++this.made);
    const keys = await this.pooled();
    return issueLeaf({ ...req, key: this.o.key ?? DEFAULT_KEY, days: this.o.days ?? DEFAULT_DAYS, now: this.o.now, ...(keys ? { keys } : {}) });
  }

  caCertificate(p: string, ca: Issued, purpose: string): void {
    if (this.plan.files.some((f) => f.path === p)) return;
    this.add({ path: p, kind: 'certificate', role: 'ca', name: commonNameOf(ca), purpose, ...names(ca), secret: false, content: certificatePem(ca.cert) });
    if (!this.pemFiles.has(ca)) this.pemFiles.set(ca, { cert: p });
  }

  async pem(leaf: Issued, certPath: string, keyPath: string, name: string, purpose: string): Promise<void> {
    const chained = chainPem(leaf);
    this.add({
      path: certPath, kind: 'certificate', role: roleOf(leaf), name,
      purpose: chained === certificatePem(leaf.cert) ? purpose : `${purpose} Followed by its intermediate CA (a full chain).`,
      ...names(leaf), secret: false, content: chained,
    });
    this.add({
      path: keyPath, kind: 'key', role: roleOf(leaf), name, purpose: `The private key of ${certPath}.`, secret: true,
      content: privateKeyPem(leaf.keys),
    });
    this.pemFiles.set(leaf, { cert: certPath, key: keyPath });
  }

  async keystore(leaf: Issued, p: string, alias: string, name: string, purpose: string, password = randomPassword()): Promise<string> {
    const pkcs8 = privateKeyDer(leaf.keys);
    const chain = [leaf.cert.der];
    for (let i = leaf.issuer; i; i = i.issuer) chain.push(i.cert.der);
    const content = await pkcs12().keystore(pkcs8, chain, alias, password);
    this.add({
      path: p, kind: 'pkcs12', role: roleOf(leaf), name, purpose: `${purpose} (PKCS#12, alias \`${alias}\`)`, ...names(leaf),
      passwordFile: `${p}.password`, secret: true, content,
    });
    this.add({ path: `${p}.password`, kind: 'password', name, purpose: `The password of ${p}.`, secret: true, content: password });
    return password;
  }

  async truststore(cas: readonly Pick<Issued, 'cert'>[], p: string, name: string, purpose: string, password = randomPassword()): Promise<string> {
    const content = await pkcs12().truststore(cas.map((c, i) => ({ der: c.cert.der, alias: cas.length === 1 ? 'ca' : `ca-${i + 1}` })), password);
    this.add({
      path: p, kind: 'truststore', role: 'ca', name, purpose: `${purpose} (PKCS#12 truststore)`, ...names(cas[0]),
      passwordFile: `${p}.password`, secret: true, content,
    });
    this.add({ path: `${p}.password`, kind: 'password', name, purpose: `The password of ${p}.`, secret: true, content: password });
    return password;
  }

  async tlsSecret(p: string, o: { name: string; namespace?: string; leaf: Issued; ca?: Pick<Issued, 'cert'>; purpose: string }): Promise<void> {
    kubeName('the Secret name', o.name);
    if (o.namespace !== undefined) kubeNamespace(o.namespace);
    const content = tlsSecretManifest({
      name: o.name, namespace: o.namespace, certPem: chainPem(o.leaf), keyPem: privateKeyPem(o.leaf.keys),
      caPem: o.ca ? certificatePem(o.ca.cert) : undefined,
    });
    const files = this.pemFiles.get(o.leaf);
    const create = files?.key ? shellCommand(
      'kubectl', 'create', 'secret', 'tls', o.name, `--cert=${files.cert}`, `--key=${files.key}`,
      ...(o.namespace ? ['-n', o.namespace] : []),
    ) : undefined;
    this.add({
      path: p, kind: 'secret', role: roleOf(o.leaf), name: o.name, purpose: o.purpose, ...names(o.leaf), secret: true, content,
      load: create ?? shellCommand('kubectl', 'apply', '-f', p),
    });
  }

  caObject(p: string, o: { kind: 'ConfigMap' | 'Secret'; name: string; namespace?: string; ca: Issued; key?: string; purpose: string }): void {
    const key = kubeDataKey(o.key ?? 'ca.crt');
    kubeName(`the ${o.kind} name`, o.name);
    if (o.namespace !== undefined) kubeNamespace(o.namespace);
    const pem = certificatePem(o.ca.cert);
    const data = Object.create(null) as Record<string, string>;
    data[key] = pem;
    const content = o.kind === 'ConfigMap'
      ? configMapManifest({ name: o.name, namespace: o.namespace, data })
      : opaqueSecretManifest({ name: o.name, namespace: o.namespace, data });
    const file = this.pemFiles.get(o.ca)?.cert;
    const create = o.kind === 'ConfigMap' && file ? shellCommand(
      'kubectl', 'create', 'configmap', o.name, `--from-file=${key}=${file}`, ...(o.namespace ? ['-n', o.namespace] : []),
    ) : undefined;
    // A Secret manifest is 0600 whatever it holds.
    this.add({
      path: p, kind: o.kind === 'ConfigMap' ? 'configmap' : 'secret', role: 'ca', name: o.name, purpose: o.purpose, ...names(o.ca),
      secret: o.kind === 'Secret', content, load: create ?? shellCommand('kubectl', 'apply', '-f', p),
    });
  }

  opaqueSecret(p: string, o: {
    name: string; namespace?: string; files?: Readonly<Record<string, string>>; values?: Readonly<Record<string, string>>; purpose: string;
  }): void {
    kubeName('the Secret name', o.name);
    if (o.namespace !== undefined) kubeNamespace(o.namespace);
    const data = Object.create(null) as Record<string, Uint8Array | string>;
    for (const [key, file] of Object.entries(o.files ?? {})) {
      const f = this.plan.files.find((x) => x.path === file);
      if (!f) throw new Error(`${file} is not part of the plan`);
      data[kubeDataKey(key)] = f.content;
    }
    for (const [key, v] of Object.entries(o.values ?? {})) data[kubeDataKey(key)] = v;
    this.add({
      path: p, kind: 'secret', name: o.name, purpose: o.purpose, secret: true,
      content: opaqueSecretManifest({ name: o.name, namespace: o.namespace, data }), load: shellCommand('kubectl', 'apply', '-f', p),
    });
  }

  snippet(p: string, text: string, name: string, purpose: string, o: { secret?: boolean } = {}): void {
    this.add({ path: p, kind: 'snippet', name, purpose, secret: !!o.secret, content: text });
  }

  pemOf(c: Pick<Issued, 'cert'>): string {
    return certificatePem(c.cert);
  }

  edit(e: PlannedEdit): void {
    this.plan.edits.push(e);
  }

  note(text: string): void {
    this.plan.notes.push(text);
  }

  relativeOut(fromFile: string): string {
    const r = path.relative(path.dirname(fromFile), this.o.outDir).split(path.sep).join('/');
    return r || '.';
  }

  /** Adds the README and returns the finished plan. */
  finish(): Plan {
    if (this.plan.files.length) {
      this.add({
        path: 'README.md', kind: 'readme', name: 'README', purpose: 'This file.', secret: false, content: readme(this.plan, this.o),
      });
    }
    return this.plan;
  }
}

/** A leaf and its intermediates as PEM, never the root (clients have it, or ca.crt): what a server presents. */
export function chainPem(leaf: Issued): string {
  let chain = certificatePem(leaf.cert);
  for (let i = leaf.issuer; i && !i.cert.selfIssued; i = i.issuer) chain += certificatePem(i.cert);
  return chain;
}

function commonNameOf(i: Issued): string {
  return commonName(i.cert) ?? i.cert.subject.text;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The output folder's README: what was made, for what, until when, and how to load it. */
export function readme(plan: Plan, o: Pick<KitOptions, 'now' | 'version'>): string {
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const lines = [README_MARK, `# ${plan.title}`, '', `Made by TLS Lens${o.version ? ` ${o.version}` : ''} on ${date(o.now ?? new Date())}.`, ''];
  lines.push('| File | What it is | Subject | Names | Expires |', '|---|---|---|---|---|');
  for (const f of plan.files) {
    const names = [...(f.dnsNames ?? []), ...(f.ipAddresses ?? [])].join(', ');
    lines.push(`| ${cell(codeSpan(f.path))} | ${cell(f.purpose)} | ${cell(f.subject ?? '')} | ${cell(names)} | ${f.notAfter ? date(f.notAfter) : ''} |`);
  }
  const loads = plan.files.filter((f) => f.load);
  if (loads.length) {
    lines.push('', '## Load it into Kubernetes', '', '```sh');
    for (const f of loads) lines.push(f.load!);
    lines.push('```');
    if (loads.some((f) => f.load!.startsWith('kubectl create'))) {
      lines.push('', 'Or apply the manifests of this folder (`kubectl apply -f <file>.yaml`); they hold the same data.');
    }
  }
  const passwords = plan.files.filter((f) => f.passwordFile);
  if (passwords.length) {
    lines.push('', '## Passwords', '');
    for (const f of passwords) lines.push(`- ${codeSpan(f.path)}: the password is in ${codeSpan(f.passwordFile!)} (random, ${PASSWORD_LENGTH} characters).`);
  }
  if (plan.edits.length) {
    lines.push('', '## Changes to the configuration', '');
    for (const e of plan.edits) lines.push(`- \`${e.file}:${e.line}\` under ${e.under}: ${e.description}`);
  }
  if (plan.notes.length) {
    lines.push('', '## Notes', '');
    for (const n of plan.notes) lines.push(`- ${n}`);
  }
  lines.push(
    '', '## Keep the secrets secret', '',
    'Private keys (`*.key`), keystores (`*.p12`), `*.password` files and Secret manifests are written with mode 0600. '
      + 'Keep them out of version control; `ca.key` belongs offline. '
      + 'To renew a certificate before it expires: `tls-lens generate renew <certificate> --ca ca.crt --ca-key ca.key`.',
    '',
  );
  return lines.join('\n');
}
