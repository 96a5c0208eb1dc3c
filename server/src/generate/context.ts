/**
 * What a generate action needs from the workspace, gathered where the index lives (the engine
 * worker): the certificate at a place and how to write its replacement there, its key, the CA
 * that issued it with that CA's key, or the one CA of the workspace whose key is there too. Plain
 * data: PEM texts and offsets (key material stays inside the server process).
 */
import * as path from 'node:path';
import type { WorkspaceIndex } from '../workspace/index';
import type { Holding } from '../workspace/view';
import type { CertificateFacts } from '../x509/certificate';
import { isSignedBy } from '../x509/certificate';
import type { PemBlock } from '../parse/pem';
import type { GenerateFix } from '../core/fixes';
import { pem } from '../x509/generate';

/** Where a certificate or key is written back, and in which form. */
export interface Place {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** pem: a block in a PEM file or YAML text; base64: a Secret's `data` value; block: a YAML text value rewritten as a literal block. */
  readonly form: 'pem' | 'base64' | 'block';
  /** For pem: what precedes every line after the first (a block scalar's indentation); for block: the block's indentation. */
  readonly indent: string;
  /** The value holds more than this one item (a chain): only base64 and block values are rewritten whole. */
  readonly others?: string;
}

/** A keystore a renewal writes again: where it is, how it is protected, what else it holds. */
export interface KeystorePlace {
  /** The keystore file, or the Secret file whose `data` value holds it (base64). */
  readonly path: string;
  /** A Secret's value: its span (base64); absent for a keystore file (rewritten whole). */
  readonly valueSpan?: { readonly start: number; readonly end: number };
  /** How the configuration names it (for messages). */
  readonly name: string;
  readonly format: 'PKCS12' | 'JKS';
  readonly keyEntries: number;
  /** The renewed certificate's alias in the store. */
  readonly alias?: string;
  readonly password?: string;
  /** The store's other certificates (its chain), in store order. */
  readonly chainPems: readonly string[];
}

export interface GenerateContext {
  readonly cert?: { readonly pem: string; readonly place: Place };
  /** For a certificate inside a keystore (renew with inKeystore): the keystore, written again whole. */
  readonly keystore?: KeystorePlace;
  readonly key?: { readonly pem: string; readonly place: Place };
  /** The CA that issued the certificate, with its key (renew, reissue); or the workspace's one CA with a key (create). */
  readonly issuer?: { readonly certPem: string; readonly keyPem: string; readonly path: string };
  /** Why the action cannot run (shown to the user). */
  readonly problem?: string;
  /** Workspace roots: files are written only under them. */
  readonly roots: readonly string[];
}

export function blockPem(b: PemBlock): string {
  return pem(b.label, b.base64);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function placeOf(h: Holding, text: string | undefined): Place {
  if (!h.entry) {
    // A PEM block in a file, or PEM written straight into YAML: continuation lines keep the first line's indentation.
    const indent = text ? text.slice(lineStart(text, h.span.start), h.span.start).replace(/[^ \t]/g, ' ') : '';
    return { path: h.path, start: h.span.start, end: h.span.end, form: 'pem', indent: /^[ \t]*$/.test(indent) ? indent : '' };
  }
  // A Secret's or ConfigMap's value is written again whole (the item's span may be its block only).
  const { value } = h.entry;
  const span = value.span;
  const certs = value.pem.items.filter((i) => i.kind === 'certificate' || i.kind === 'privateKey');
  // The rest of the value (a chain after the leaf) is kept after the new item.
  const others = certs.filter((i) => i.block.base64 !== h.item.block.base64).map((i) => blockPem(i.block)).join('');
  if (value.field === 'data' && h.entry.object.kind === 'Secret') {
    return { path: h.path, start: span.start, end: span.end, form: 'base64', indent: '', ...(others ? { others } : {}) };
  }
  const ls = text ? lineStart(text, span.start) : span.start;
  const keyIndent = text ? /^[ \t]*/.exec(text.slice(ls))![0].length : 0;
  let end = span.end;
  if (text && end > span.start && text[end - 1] === '\n') end--;
  return { path: h.path, start: span.start, end, form: 'block', indent: ' '.repeat(keyIndent + 2), ...(others ? { others } : {}) };
}

function spkiOf(c: CertificateFacts): string {
  return Buffer.from(c.publicKey.spki).toString('hex');
}

/** The unencrypted private key of a public key, anywhere in the workspace. */
function keyFor(index: WorkspaceIndex, spki: string): Holding | undefined {
  for (const h of index.holdings()) {
    if (h.item.kind === 'privateKey' && !h.item.key.encrypted && Buffer.from(h.item.key.publicSpki).toString('hex') === spki) return h;
  }
  return undefined;
}

/** CAs of the workspace whose key is there too. */
function casWithKeys(index: WorkspaceIndex): { ca: Holding & { item: { kind: 'certificate' } }; key: Holding }[] {
  const out: { ca: Holding & { item: { kind: 'certificate' } }; key: Holding }[] = [];
  const seen = new Set<string>();
  for (const h of index.holdings()) {
    if (h.item.kind !== 'certificate' || !h.item.cert.isCA) continue;
    const id = spkiOf(h.item.cert);
    if (seen.has(id)) continue;
    seen.add(id);
    const key = keyFor(index, id);
    if (key) out.push({ ca: h as Holding & { item: { kind: 'certificate' } }, key });
  }
  return out;
}

/** The certificate or key held at an offset of a file (the smallest holding that contains it). */
function holdingAt(index: WorkspaceIndex, file: string, offset: number, kind: 'certificate' | 'privateKey'): Holding | undefined {
  let at: Holding | undefined;
  for (const h of index.holdings()) {
    if (h.path !== file || h.item.kind !== kind || offset < h.span.start || offset > h.span.end) continue;
    if (!at || h.span.end - h.span.start < at.span.end - at.span.start) at = h;
  }
  return at;
}

export function generateContext(index: WorkspaceIndex, fix: GenerateFix, readText: (path: string) => string | undefined): GenerateContext {
  const roots = index.roots;
  if (fix.action === 'create') {
    const cas = casWithKeys(index);
    if (cas.length !== 1) return { roots };
    const [{ ca, key }] = cas;
    return { roots, issuer: { certPem: blockPem(ca.item.block), keyPem: blockPem(key.item.block), path: ca.path } };
  }
  if (fix.action === 'renew' && fix.inKeystore) return keystoreContext(index, fix.path, fix.offset, fix.inKeystore.sha256);
  const at = holdingAt(index, fix.path, fix.offset, 'certificate');
  if (!at || at.item.kind !== 'certificate') {
    return { roots, problem: `the certificate at ${path.basename(fix.path)} is no longer in the workspace index; save the file and try again` };
  }
  const cert = at.item.cert;
  const text = readText(at.path);
  const out: { -readonly [K in keyof GenerateContext]: GenerateContext[K] } = { roots, cert: { pem: blockPem(at.item.block), place: placeOf(at, text) } };
  const keyAt = fix.action === 'reissue' ? fix.keyAt : undefined;
  const key = keyAt ? holdingAt(index, keyAt.path, keyAt.offset, 'privateKey') : keyFor(index, spkiOf(cert));
  if (key) out.key = { pem: blockPem(key.item.block), place: placeOf(key, key.path === at.path ? text : readText(key.path)) };
  if (!cert.selfSigned) {
    out.issuer = issuerWithKey(index, cert);
    if (!out.issuer) out.problem = noIssuer(cert);
  }
  return out;
}

/** The CA of the workspace that issued `cert`, with its private key, if both are there. */
function issuerWithKey(index: WorkspaceIndex, cert: CertificateFacts): GenerateContext['issuer'] {
  for (const h of index.holdings()) {
    if (h.item.kind !== 'certificate' || !h.item.cert.isCA || !isSignedBy(cert, h.item.cert)) continue;
    const caKey = keyFor(index, spkiOf(h.item.cert));
    if (caKey) return { certPem: blockPem(h.item.block), keyPem: blockPem(caKey.item.block), path: h.path };
  }
  return undefined;
}

const noIssuer = (cert: CertificateFacts) => `'${cert.issuer.text}' issued it, and its private key is not in the workspace: `
  + 'renew it where that CA lives, or make a CSR for it (TLS Lens: Generate CSR)';

/** A certificate inside the keystore the reference at (file, offset) names. */
function keystoreContext(index: WorkspaceIndex, file: string, offset: number, sha256: string): GenerateContext {
  const roots = index.roots;
  const ref = index.referencesIn(file).find((r) => r.store && offset >= r.span.start && offset <= r.span.end);
  const res = ref && index.resolve(ref, file);
  const at = res ? res.certs.findIndex((c) => c.cert.sha256 === sha256) : -1;
  if (!ref || !res?.keystore || at < 0) {
    return { roots, problem: `the keystore ${path.basename(file)} names no longer holds that certificate; save the files and try again` };
  }
  const cert = res.certs[at].cert;
  const asPem = (c: CertificateFacts) => pem('CERTIFICATE', Buffer.from(c.der).toString('base64'));
  const keystore: KeystorePlace = {
    path: res.where.path,
    ...(ref.kind === 'file' ? {} : { valueSpan: res.where.span }),
    name: res.keystore.name,
    format: res.keystore.format,
    keyEntries: res.keystore.keyEntries,
    ...(res.keystore.aliases[at] !== undefined ? { alias: res.keystore.aliases[at] } : {}),
    ...(res.keystore.password !== undefined ? { password: res.keystore.password } : {}),
    chainPems: res.certs.filter((_, i) => i !== at).map((c) => asPem(c.cert)),
  };
  const out: { -readonly [K in keyof GenerateContext]: GenerateContext[K] } = {
    roots, cert: { pem: asPem(cert), place: { path: res.where.path, start: 0, end: 0, form: 'pem', indent: '' } }, keystore,
  };
  if (!cert.selfSigned) {
    out.issuer = issuerWithKey(index, cert);
    if (!out.issuer) out.problem = noIssuer(cert);
  }
  return out;
}
