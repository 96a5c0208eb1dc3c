/**
 * The workspace index: every certificate and key, every Secret and ConfigMap, and every pending
 * cert-manager Certificate across files, kept per file and replaced file by file (from the open
 * document's model on each edit, from disk on file events). Rules see it through WorkspaceView.
 */
import * as path from 'node:path';
import type { Span } from '../parse/pem';
import type { DocumentModel } from '../model/document';
import { buildModel } from '../model/document';
import { buildPemModel, PemItem, PemModel } from '../model/pem';
import { K8sObject, PendingCertificate, Reference, refsOf } from '../model/refs';
import { EngineHost, pathCandidates } from '../model/types';
import type { CertificateFacts } from '../x509/certificate';
import type { PrivateKeyFacts } from '../x509/key';
import { KeystoreRefused, KeystoreResult, readKeystore } from '../x509/keystore';
import { createHash } from 'node:crypto';
import { LruCache } from '../util/lru';
import { languageFor } from './files';
import { LineIndex, Position } from '../util/lineIndex';

export interface CertLoc { readonly cert: CertificateFacts; readonly path: string; readonly span: Span }
export interface KeyLoc { readonly key: PrivateKeyFacts; readonly path: string; readonly span: Span }

export interface Resolution {
  readonly certs: readonly CertLoc[];
  readonly keys: readonly KeyLoc[];
  /** Where the reference leads (the file, or the Secret's key). */
  readonly where: { readonly path: string; readonly span: Span };
  readonly description: string;
  /** A keystore that could not be read in full: why (its certificates are then not all checked). */
  readonly problem?: { readonly kind: 'refused' | 'unreadable' | 'password'; readonly message: string };
}

export interface WorkspaceView {
  /** The resolution of a reference, or undefined when nothing in the workspace matches it. */
  resolve(ref: Reference, fromPath: string): Resolution | undefined;
  /** cert-manager Certificates that will write a Secret of that name. */
  pendingFor(secretName: string, namespace?: string): readonly (PendingCertificate & { path: string })[];
  position(file: string, offset: number): Position | undefined;
  /** False until the index covers the workspace: unresolved references are then not reported. */
  readonly complete: boolean;
}

interface IndexedFile {
  readonly lines: LineIndex;
  readonly pem?: PemModel;
  readonly objects: readonly K8sObject[];
  readonly pending: readonly PendingCertificate[];
}

/** Keystores are decrypted once per content and passwords (PBKDF2 is slow by design), not once per rule. */
const keystores = new LruCache<string, KeystoreResult | Error>(256);

function readKeystoreOnce(bytes: Uint8Array, passwords: readonly string[]): KeystoreResult | Error {
  const key = `${createHash('sha256').update(bytes).digest('hex')}\0${createHash('sha256').update(passwords.join('\0')).digest('hex')}`;
  let r = keystores.get(key);
  if (r === undefined) {
    try {
      r = readKeystore(bytes, passwords);
    } catch (e) {
      r = e instanceof Error ? e : new Error(String(e));
    }
    keystores.set(key, r);
  }
  return r;
}

const PEM_EXT = /\.(pem|crt|cer|key|csr|ca-bundle)$/i;

function split(items: readonly PemItem[], file: string, offset = 0, span?: Span): { certs: CertLoc[]; keys: KeyLoc[] } {
  const certs: CertLoc[] = [];
  const keys: KeyLoc[] = [];
  for (const it of items) {
    const s = span ?? { start: it.block.span.start + offset, end: it.block.span.end + offset };
    if (it.kind === 'certificate') certs.push({ cert: it.cert, path: file, span: s });
    else if (it.kind === 'privateKey' && !it.key.encrypted) keys.push({ key: it.key, path: file, span: s });
  }
  return { certs, keys };
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly files = new Map<string, IndexedFile>();
  /** `Secret/name`, `ConfigMap/name`, `pending/secretName` → files: lookups cost the same in any workspace size. */
  private readonly byName = new Map<string, Set<string>>();
  complete = false;

  /** Reads go through the host, which holds the workspace folders, path mappings and trust. */
  constructor(readonly host: EngineHost) {}

  get roots(): readonly string[] {
    return this.host.roots;
  }

  get size(): number {
    return this.files.size;
  }

  /** Bumped on every change: resolutions computed before are stale. */
  private generation = 0;
  private readonly resolutions = new WeakMap<Reference, { generation: number; from: string; res: Resolution | undefined }>();

  private set(file: string, entry: IndexedFile | undefined): void {
    this.generation++;
    const old = this.files.get(file);
    const keys = (e: IndexedFile | undefined) => [...(e?.objects ?? []).map((o) => `${o.kind}/${o.name}`), ...(e?.pending ?? []).map((p) => `pending/${p.secretName}`)];
    for (const k of keys(old)) this.byName.get(k)?.delete(file);
    if (entry) {
      this.files.set(file, entry);
      for (const k of keys(entry)) {
        let set = this.byName.get(k);
        if (!set) this.byName.set(k, (set = new Set()));
        set.add(file);
      }
    } else {
      this.files.delete(file);
    }
  }

  /** Replaces what the index holds for a file, from a model already built. */
  updateFromModel(file: string, model: DocumentModel): void {
    const refs = model.yaml ? refsOf(model) : undefined;
    this.set(file, {
      lines: new LineIndex(model.text),
      pem: model.languageId === 'pem' || PEM_EXT.test(file) ? model.pem : undefined,
      objects: refs?.objects ?? [],
      pending: refs?.pending ?? [],
    });
  }

  /** Indexes a file from its text (a file event, or the start-up scan). */
  updateFromText(file: string, text: string, languageId: string): void {
    if (languageId === 'pem') {
      const pem = buildPemModel(text, { singleBundle: true });
      this.set(file, { lines: new LineIndex(text), pem, objects: [], pending: [] });
      return;
    }
    if (languageId === 'yaml' && /\bkind:\s*["']?(Secret|ConfigMap|Certificate)\b/.test(text)) {
      this.updateFromModel(file, buildModel({ uri: file, languageId, text }, { maxFileSizeKB: 4096, yaml: { schemaValidation: false, schemas: {} } }));
      return;
    }
    this.set(file, undefined);
  }

  /** (Re)reads a file from disk: what a file event or the start-up scan calls. */
  indexFile(file: string): void {
    const text = this.host.readFile(file, { purpose: 'workspace' });
    const lang = text === undefined ? undefined : languageFor(file, text);
    if (text !== undefined && lang) this.updateFromText(file, text, lang);
    else this.remove(file);
  }

  remove(file: string): void {
    this.set(file, undefined);
  }

  position(file: string, offset: number): Position | undefined {
    return this.files.get(file)?.lines.positionAt(offset);
  }

  /** Paths read and found to hold no PEM, with the generation they were read at. */
  private readonly misses = new Map<string, number>();

  private pemFile(file: string): IndexedFile | undefined {
    const hit = this.files.get(file);
    if (hit?.pem) return hit;
    if (hit || this.misses.get(file) === this.generation) return undefined;
    const text = this.host.readFile(file, { purpose: 'certificate' });
    if (text === undefined || !text.includes('-----BEGIN')) {
      if (this.misses.size > 10_000) this.misses.clear();
      this.misses.set(file, this.generation);
      return undefined;
    }
    this.updateFromText(file, text, 'pem');
    return this.files.get(file);
  }

  private objectsNamed(kind: 'Secret' | 'ConfigMap', name: string, namespace?: string): { file: string; object: K8sObject }[] {
    const out: { file: string; object: K8sObject }[] = [];
    for (const file of this.byName.get(`${kind}/${name}`) ?? []) {
      for (const o of this.files.get(file)?.objects ?? []) {
        if (o.kind === kind && o.name === name && (!namespace || !o.namespace || o.namespace === namespace)) out.push({ file, object: o });
      }
    }
    return out;
  }

  /** What a reference resolves to; computed once per reference while the index does not change (every xref rule asks). */
  resolve(ref: Reference, fromPath: string): Resolution | undefined {
    const hit = this.resolutions.get(ref);
    if (hit && hit.generation === this.generation && hit.from === fromPath) return hit.res;
    const res = this.resolveNow(ref, fromPath);
    this.resolutions.set(ref, { generation: this.generation, from: fromPath, res });
    return res;
  }

  private resolveNow(ref: Reference, fromPath: string): Resolution | undefined {
    if (ref.kind === 'inline' && ref.inline) {
      const { certs, keys } = split(ref.inline.items, fromPath, ref.span.start);
      return { certs, keys, where: { path: fromPath, span: ref.span }, description: 'inline PEM' };
    }
    if (ref.kind === 'file') {
      for (const c of pathCandidates(ref.target, fromPath, this.host)) {
        const f = this.pemFile(c);
        if (ref.store) {
          const bytes = this.host.readBytes?.(c, { purpose: 'certificate' });
          if (bytes) return this.fromKeystore(bytes, ref.store.passwords, c, { start: 0, end: 0 }, path.basename(c));
          continue;
        }
        if (!f?.pem) continue;
        const { certs, keys } = split(f.pem.items, c);
        return { certs, keys, where: { path: c, span: f.pem.items[0]?.block.span ?? { start: 0, end: 0 } }, description: path.basename(c) };
      }
      return undefined;
    }
    const kind = ref.kind === 'secret' ? 'Secret' : 'ConfigMap';
    // A "secret" reference may name a ConfigMap (clientCA secretRef holds a CA either way).
    const found = this.objectsNamed(kind, ref.target, ref.namespace).concat(ref.kind === 'secret' && ref.role === 'ca' ? this.objectsNamed('ConfigMap', ref.target, ref.namespace) : []);
    for (const { file, object } of found) {
      const wanted = ref.key ?? (ref.role === 'ca' ? 'ca.crt' : 'tls.crt');
      const entry = object.entries.get(wanted);
      if (!entry) continue;
      if (ref.store) return this.fromKeystore(entry.bytes, ref.store.passwords, file, entry.span, `${object.kind} ${object.name} ${wanted}`);
      const { certs } = split(entry.pem.items, file, 0, entry.span);
      const keyEntry = object.entries.get('tls.key');
      const keys = keyEntry ? split(keyEntry.pem.items, file, 0, keyEntry.span).keys : [];
      return { certs, keys, where: { path: file, span: entry.span }, description: `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name} ${wanted}` };
    }
    return undefined;
  }

  private fromKeystore(bytes: Uint8Array | undefined, passwords: readonly string[], file: string, span: Span, what: string): Resolution {
    const where = { path: file, span };
    if (!bytes) return { certs: [], keys: [], where, description: `${what} (not base64: not read)`, problem: { kind: 'unreadable', message: 'it is not base64' } };
    const r = readKeystoreOnce(bytes, passwords);
    if (r instanceof Error) {
      const refused = r instanceof KeystoreRefused;
      const message = refused ? r.message : `it is not a PKCS#12 or JKS keystore TLS Lens can read (${r.message})`;
      return { certs: [], keys: [], where, description: `${what} (${message})`, problem: { kind: refused ? 'refused' : 'unreadable', message } };
    }
    return {
      certs: r.certs.map((cert) => ({ cert, path: file, span })),
      keys: [],
      where,
      description: `${what} (${r.format}, ${r.certs.length} certificate(s)${r.problem ? `; ${r.problem}` : ''})`,
      ...(r.problem ? { problem: { kind: 'password' as const, message: r.problem } } : {}),
    };
  }

  pendingFor(secretName: string, namespace?: string): (PendingCertificate & { path: string })[] {
    const out: (PendingCertificate & { path: string })[] = [];
    for (const file of this.byName.get(`pending/${secretName}`) ?? []) {
      for (const p of this.files.get(file)?.pending ?? []) if (p.secretName === secretName && (!namespace || !p.namespace || p.namespace === namespace)) out.push({ ...p, path: file });
    }
    return out;
  }
}
