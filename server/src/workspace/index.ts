/**
 * The workspace index: every certificate and key, every Secret and ConfigMap, and every pending
 * cert-manager Certificate across files, kept per file and replaced file by file (from the open
 * document's model on each edit, from disk on file events). Rules see it through WorkspaceView.
 */
import * as path from 'node:path';
import { basename } from 'node:path';
import type { Span } from '../core/types';
import type { DocumentModel, SourceDocument } from '../model/document';
import { buildPemModel, PemItem, PemModel } from '../model/pem';
import { DocumentHolding, documentHoldings } from '../products/holdings';
import { DocumentRefs, Fact, FactKind, IssuerInfo, K8sObject, PendingCertificate, Reference } from '../model/refs';
import { refsOf } from '../products/refs';
import { refSink } from '../products/types';
import { EngineHost, pathCandidates } from '../core/host';
import { CertificateFacts, isSignedBy } from '../x509/certificate';
import { KeyDerivations } from '../x509/keyDerivation';
import { Keystores } from './keystores';
import { languageFor } from './files';
import { LineIndex, Position } from '../util/lineIndex';
import type { CertLoc, Holding, KeyLoc, RefFrom, Resolution, WorkspaceView } from './view';


interface IndexedFile {
  readonly lines: LineIndex;
  /** Set for a PEM file (what a path reference resolves to). */
  readonly pem?: PemModel;
  /** The certificates and keys the file holds, as its model says (the same the `pem/*` rules check). */
  readonly holdings: readonly DocumentHolding[];
  /** What a configuration says (YAML, nginx): references, objects, facts. */
  readonly refs?: DocumentRefs;
}

/** The name a reference is found by from the other end (a Secret's name, a file's base name). */
function refKey(ref: Reference): string | undefined {
  if (ref.kind === 'secret') return `ref:secret/${ref.target}`;
  if (ref.kind === 'configmap') return `ref:configmap/${ref.target}`;
  if (ref.kind === 'file') return `ref:file/${basename(ref.target)}`;
  return undefined;
}

/** The names a file's configuration is found by: objects, pending certificates, references, facts, issuers. */
function keysOf(refs: DocumentRefs): string[] {
  const keys = new Set<string>();
  for (const o of refs.objects) keys.add(`${o.kind}/${o.name}`);
  for (const p of refs.pending) keys.add(`pending/${p.secretName}`);
  for (const r of refs.references) { const k = refKey(r); if (k) keys.add(k); }
  for (const f of refs.facts) keys.add(`fact/${f.kind}`);
  for (const i of refs.issuers) keys.add(`issuer/${i.kind}/${i.name}`);
  return [...keys];
}

const PEM_EXT = /\.(pem|crt|cer|key|csr|ca-bundle)$/i;
const KEYSTORE_EXT = /\.(p12|pfx|jks|keystore|truststore)$/i;

/** FNV-1a over bytes: a cheap content fingerprint (not a security hash). */
function fnv1a(b: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return `${b.length}:${(h >>> 0).toString(16)}`;
}

const signatures = new WeakMap<IndexedFile, string>();

/** What of a file the inventory shows: its certificates, the references it makes, and their lines (once per entry). */
function inventorySignature(e: IndexedFile | undefined): string {
  if (!e) return '';
  let sig = signatures.get(e);
  if (sig === undefined) signatures.set(e, (sig = signatureOf(e)));
  return sig;
}

function signatureOf(e: IndexedFile): string {
  const line = (o: number) => e.lines.positionAt(o).line;
  const parts: string[] = [];
  for (const h of e.holdings) {
    if (h.item.kind !== 'certificate') continue;
    const o = h.entry?.object;
    parts.push(`c${o ? `${o.kind}/${o.namespace ?? ''}/${o.name}/${h.entry!.key}=` : ''}${h.item.cert.sha256}@${line(h.span.start)}`);
  }
  for (const o of e.refs?.objects ?? []) {
    // A value without PEM may be a keystore (base64 PKCS#12 or JKS): its content counts too.
    for (const [k, v] of o.entries) if (v.bytes && !v.pem.items.length) parts.push(`b${o.name}/${k}=${fnv1a(v.bytes)}`);
  }
  for (const r of e.refs?.references ?? []) parts.push(`r${r.via}=${r.target}@${line(r.span.start)}#${r.hosts?.map((h) => h.value).join(',') ?? ''}`);
  return parts.join('|');
}

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
  /** Files the workspace scan passed over for their size (tlsLens.maxFileSizeKB): never read, said in the inventory. */
  skippedLarge: readonly { readonly path: string; readonly sizeKB: number }[] = [];

  /** The keystores references name, read with the analysis's key derivations. */
  private readonly keystores: Keystores;

  /**
   * Reads go through the host, which holds the workspace folders, path mappings and trust; the
   * models of the configurations it reads come from the engine that owns the index (`modelOf`).
   * The keystores' key-derivation budget belongs to the index, the one workspace an analysis has:
   * the CLI's run and the language server's engine each make one (the engine's derives in the background).
   */
  constructor(readonly host: EngineHost, private readonly modelOf: (doc: SourceDocument) => DocumentModel, keys: KeyDerivations = new KeyDerivations()) {
    this.keystores = new Keystores(keys);
  }

  get roots(): readonly string[] {
    return this.host.roots;
  }

  /** The files the index holds (certificates, keys, configurations), in the order they came. */
  paths(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /** Bumped on every change: resolutions computed before are stale. */
  private generation = 0;
  /**
   * Bumped only when what the inventory shows may have changed: a file's certificates, the
   * references it makes, or the lines they are on (not on a keystroke inside a value), or a
   * keystore file event. The inventory view is rebuilt on this, not on every change.
   */
  inventoryGeneration = 0;
  private readonly resolutions = new WeakMap<Reference, { generation: number; from: string; res: Resolution | undefined }>();

  private set(file: string, entry: IndexedFile | undefined): void {
    this.generation++;
    const old = this.files.get(file);
    if (inventorySignature(old) !== inventorySignature(entry)) this.inventoryGeneration++;
    const keys = (e: IndexedFile | undefined) => (e?.refs ? keysOf(e.refs) : []);
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
    this.set(file, {
      lines: new LineIndex(model.text),
      pem: model.languageId === 'pem' || PEM_EXT.test(file) ? model.pem : undefined,
      holdings: documentHoldings(model),
      ...(model.yaml || model.nginx ? { refs: refsOf(model) } : {}),
    });
  }

  /**
   * Indexes a file from its text (a file event, or the start-up scan): PEM files for their
   * certificates and keys, configurations (YAML, nginx) for what they define and refer to, as the
   * engine models them (no schema validation here: that is the open document's business).
   */
  updateFromText(file: string, text: string, languageId: string): void {
    if (languageId === 'pem') {
      this.updateFromModel(file, { uri: file, languageId, text, pem: buildPemModel(text, { singleBundle: true }), limits: [] });
      return;
    }
    if (languageId === 'yaml' || languageId === 'nginx') {
      this.updateFromModel(file, this.modelOf({ uri: file, languageId, text }));
      return;
    }
    this.set(file, undefined);
  }

  /** (Re)reads a file from disk: what a file event or the start-up scan calls. */
  indexFile(file: string): void {
    // Keystores are not indexed, they are read through the references that name them.
    if (KEYSTORE_EXT.test(file)) this.inventoryGeneration++;
    const text = this.host.readFile(file, { purpose: 'workspace' });
    const lang = text === undefined ? undefined : languageFor(file, text);
    if (text !== undefined && lang) this.updateFromText(file, text, lang);
    else this.remove(file);
  }

  remove(file: string): void {
    this.set(file, undefined);
  }

  /** The paths of each layer (a rendered release: its documents under paths no file has), by layer. */
  private readonly layers = new Map<string, readonly string[]>();

  /**
   * Replaces a layer: documents that are no files (a release's rendered objects, indexed already
   * under their paths) and facts stated for files (what rendering came to), so that every rule
   * sees them with the rest. What the layer held before and no longer holds goes.
   */
  setLayer(id: string, indexed: readonly string[], facts: readonly Fact[] = []): void {
    for (const p of this.layers.get(id) ?? []) if (!indexed.includes(p)) this.remove(p);
    const paths = [...indexed];
    if (facts.length > 0) {
      const p = `${id}#facts`;
      this.set(p, { lines: new LineIndex(''), holdings: [], refs: { ...refSink(), facts: [...facts] } });
      paths.push(p);
    }
    if (paths.length > 0) this.layers.set(id, paths);
    else this.layers.delete(id);
  }

  /** The layers the index holds. */
  layerIds(): string[] {
    return [...this.layers.keys()];
  }

  /** A keystore's key was derived: what resolved to it is stale, and the inventory may show more. */
  keystoreKeysDerived(): void {
    this.generation++;
    this.inventoryGeneration++;
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

  objects(kind: 'Secret' | 'ConfigMap', name: string, namespace?: string): { object: K8sObject; path: string }[] {
    return this.objectsNamed(kind, name, namespace).map((o) => ({ object: o.object, path: o.file }));
  }

  private objectsNamed(kind: 'Secret' | 'ConfigMap', name: string, namespace?: string, expected?: readonly string[]): { file: string; object: K8sObject }[] {
    const out: { file: string; object: K8sObject }[] = [];
    for (const file of this.byName.get(`${kind}/${name}`) ?? []) {
      for (const o of this.files.get(file)?.refs?.objects ?? []) {
        if (o.kind === kind && o.name === name && (!namespace || !o.namespace || o.namespace === namespace)) out.push({ file, object: o });
      }
    }
    // Several objects of that name and no namespace said: those in the namespaces expected (an
    // OpenChoreo agent's Secret in its plane's namespace), when there are any.
    if (!namespace && expected && out.length > 1) {
      const inExpected = out.filter((o) => o.object.namespace && expected.includes(o.object.namespace));
      if (inExpected.length > 0) return inExpected;
    }
    return out;
  }

  referencesTo(path: string, span: Span): RefFrom[] {
    const entry = this.files.get(path);
    if (!entry) return [];
    // Candidates by name: the Secrets or ConfigMaps of this file that hold the span, or the file's name.
    const keys: string[] = [];
    for (const o of entry.refs?.objects ?? []) {
      for (const e of o.entries.values()) {
        if (e.span.start <= span.start && span.end <= e.span.end) keys.push(`ref:secret/${o.name}`, `ref:configmap/${o.name}`);
      }
    }
    if (entry.pem || keys.length === 0) keys.push(`ref:file/${basename(path)}`);
    const out: RefFrom[] = [];
    const seen = new Set<Reference>();
    for (const k of keys) {
      for (const from of this.byName.get(k) ?? []) {
        for (const ref of this.files.get(from)?.refs?.references ?? []) {
          if (seen.has(ref) || refKey(ref) !== k) continue;
          seen.add(ref);
          const res = this.resolve(ref, from);
          if (res && res.where.path === path && res.where.span.start <= span.end && span.start <= res.where.span.end) out.push({ ref, from });
        }
      }
    }
    // Inline references (a plane CR's clientCA.value) lead to their own document.
    for (const ref of entry.refs?.references ?? []) {
      if (ref.kind === 'inline' && ref.span.start <= span.start && span.end <= ref.span.end) out.push({ ref, from: path });
    }
    return out;
  }

  referencesIn(path: string): readonly Reference[] {
    return this.files.get(path)?.refs?.references ?? [];
  }

  isDocument(p: string): boolean {
    const entry = this.files.get(p);
    if (!entry || (!entry.pem && !entry.refs)) return false;
    return this.roots.length === 0 || this.roots.some((r) => {
      const rel = path.relative(r, p);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  facts<F extends Fact>(kind: FactKind<F>): { fact: F; path: string }[] {
    const out: { fact: F; path: string }[] = [];
    for (const file of this.byName.get(`fact/${kind.kind}`) ?? []) {
      for (const f of this.files.get(file)?.refs?.facts ?? []) if (f.kind === kind.kind) out.push({ fact: f as F, path: file });
    }
    return out;
  }


  issuers(name: string, kind: 'Issuer' | 'ClusterIssuer', namespace?: string): { issuer: IssuerInfo; path: string }[] {
    const out: { issuer: IssuerInfo; path: string }[] = [];
    for (const file of this.byName.get(`issuer/${kind}/${name}`) ?? []) {
      for (const i of this.files.get(file)?.refs?.issuers ?? []) {
        if (i.kind === kind && i.name === name && (kind === 'ClusterIssuer' || !namespace || !i.namespace || i.namespace === namespace)) {
          out.push({ issuer: i, path: file });
        }
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

  /** The passwords to try on a keystore: those held in the Secrets it names first, then the others. */
  private storePasswords(ref: Reference): readonly string[] {
    const store = ref.store!;
    const held: string[] = [];
    for (const p of store.passwordRefs ?? []) {
      for (const { object } of this.objectsNamed('Secret', p.secret, p.namespace ?? ref.namespace)) {
        const t = object.entries.get(p.key)?.text;
        if (t !== undefined && !held.includes(t)) held.push(t);
      }
    }
    return held.length ? [...held, ...store.passwords.filter((x) => !held.includes(x))] : store.passwords;
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
          if (bytes) return this.keystores.resolution(bytes, this.storePasswords(ref), c, { start: 0, end: 0 }, path.basename(c));
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
    const found = this.objectsNamed(kind, ref.target, ref.namespace, ref.namespaces).concat(
      ref.kind === 'secret' && ref.role === 'ca' ? this.objectsNamed('ConfigMap', ref.target, ref.namespace, ref.namespaces) : [],
    );
    for (const { file, object } of found) {
      const wanted = ref.key ?? (ref.role === 'ca' ? 'ca.crt' : 'tls.crt');
      const entry = object.entries.get(wanted);
      if (!entry) continue;
      if (ref.store) return this.keystores.resolution(entry.bytes, this.storePasswords(ref), file, entry.span, `${object.kind} ${object.name} ${wanted}`);
      const { certs } = split(entry.pem.items, file, 0, entry.span);
      const keyEntry = object.entries.get('tls.key');
      const keys = keyEntry ? split(keyEntry.pem.items, file, 0, keyEntry.span).keys : [];
      return { certs, keys, where: { path: file, span: entry.span }, description: `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name} ${wanted}` };
    }
    return undefined;
  }

  /** Certificates by subject and by issuer (name keys), built on demand once per generation. */
  private names: { generation: number; bySubject: Map<string, CertLoc[]>; byIssuer: Map<string, CertLoc[]> } | undefined;

  private certificateNames(): NonNullable<WorkspaceIndex['names']> {
    if (this.names?.generation === this.generation) return this.names;
    const bySubject = new Map<string, CertLoc[]>();
    const byIssuer = new Map<string, CertLoc[]>();
    const add = (m: Map<string, CertLoc[]>, k: string, v: CertLoc) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
    // One place per distinct certificate: a CA copied into every chain file is verified against once, not once per copy.
    const seen = new Set<string>();
    for (const h of this.holdings()) {
      if (h.item.kind !== 'certificate' || seen.has(h.item.cert.sha256)) continue;
      seen.add(h.item.cert.sha256);
      const loc = { cert: h.item.cert, path: h.path, span: h.span };
      add(bySubject, h.item.cert.subject.key, loc);
      if (!h.item.cert.selfIssued) add(byIssuer, h.item.cert.issuer.key, loc);
    }
    return (this.names = { generation: this.generation, bySubject, byIssuer });
  }

  issuedBy(issuer: CertificateFacts): CertLoc[] {
    return (this.certificateNames().byIssuer.get(issuer.subject.key) ?? []).filter((c) => isSignedBy(c.cert, issuer));
  }

  issuersOf(child: CertificateFacts): CertLoc[] {
    return (this.certificateNames().bySubject.get(child.issuer.key) ?? []).filter((c) => c.cert !== child && isSignedBy(child, c.cert));
  }

  /** Every reference every configuration of the workspace makes, with its file. */
  *allReferences(): Generator<{ file: string; ref: Reference }> {
    for (const [file, f] of this.files) for (const ref of f.refs?.references ?? []) yield { file, ref };
  }

  /** Every certificate and private key of the workspace, where it is. */
  *holdings(): Generator<Holding> {
    for (const [path, f] of this.files) for (const h of f.holdings) yield { ...h, path };
  }

  pendingFor(secretName: string, namespace?: string): (PendingCertificate & { path: string })[] {
    const out: (PendingCertificate & { path: string })[] = [];
    for (const file of this.byName.get(`pending/${secretName}`) ?? []) {
      for (const p of this.files.get(file)?.refs?.pending ?? []) {
        if (p.secretName === secretName && (!namespace || !p.namespace || p.namespace === namespace)) out.push({ ...p, path: file });
      }
    }
    return out;
  }
}
