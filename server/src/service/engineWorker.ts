/**
 * The engine worker: models, the workspace index and the rules of every open document, off the
 * thread that answers LSP requests. Before each unit of work (a document version, a file of the
 * scan) it tells the main thread, whose watchdog stops it when the unit exceeds the time budget.
 */
import { parentPort } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, Engine } from '../engine';
import { ModelCache } from '../documents';
import { toDiagnostics } from '../features/diagnostics';
import { referenceDefinition } from '../features/definition';
import { hoverAt } from '../features/hover/index';
import { withRendered } from '../features/hover/rendered';
import { certificateView, codeLenses, inventoryView } from '../features/inventory';
import { buildInventory, documentInventory, Inventory } from '../workspace/inventory';
import { DEFAULTS } from '../defaults';
import { serverCertificates } from '../workspace/serverCertificates';
import type { ServerBlock } from '../model/nginx';
import { NodeHost } from '../host';
import { uriToPath } from '../model/document';
import { scanFolders } from '../workspace/scan';
import { KeyDerivations } from '../x509/keyDerivation';
import { LineIndex, Position } from '../util/lineIndex';
import type { FromWorker, Job, OpenDocument, ToWorker, WorkspaceConfig } from './protocol';
import { now } from './clock';
import { generateContext } from '../generate/context';
import type { GenerateFix } from '../core/fixes';
import { writeCodeCache } from './codeCacheHook';
import { explainAnswer, explainInput, type CheckedFile, type ExplainAnswer } from '../features/explain';
import { languageFor } from '../workspace/files';
import type { SourceDocument } from '../model/document';
import { ReleaseRenderer } from './renderer';

/** How long the workspace scan waits for the documents opened with the workspace (they are checked first). */
const SCAN_DELAY_MS = 300;

export class EngineWorker {
  private readonly host = new NodeHost();
  private readonly docs = new Map<string, OpenDocument>();
  private readonly models = new ModelCache();
  /**
   * The engine: each open document with its own settings, the workspace index, the service's
   * clock. Keys of keystores are derived off this thread: hovers and other documents do not wait for them.
   */
  private readonly engine = new Engine({
    host: this.host,
    // A workspace file no editor shows (explain checks them all) takes the settings the client sent last.
    settings: (d) => this.docs.get(d.uri)?.settings ?? this.lastSettings ?? DEFAULT_SETTINGS,
    clock: now,
    workspace: { keys: new KeyDerivations({ background: { onDerived: () => this.keyDerived() } }) },
    cache: this.models,
  });
  private readonly index = this.engine.workspace!;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private others: NodeJS.Timeout | undefined;
  private skipDocuments = new Set<string>();
  private skipFiles = new Set<string>();
  private config: WorkspaceConfig | undefined;
  private lastSettings: OpenDocument['settings'] | undefined;
  /** Requests that need the whole workspace (explain): answered when the scan is done. */
  private readonly afterScan: ToWorker[] = [];

  /** The Helm releases the workspace declares, rendered off this thread's requests (tlsLens.helm.*). */
  private readonly renderer = new ReleaseRenderer(
    this.engine,
    () => (this.config?.render ? { ...this.config.render, trusted: this.config.trusted } : undefined),
    (summary) => {
      this.post({ type: 'log', level: 'info', message: summary });
      // Every open document: what rendering came to is stated for the declaring files too.
      for (const uri of this.docs.keys()) this.schedule(uri, 0, false);
    },
    (e) => this.post({ type: 'log', level: 'error', message: `TLS Lens: rendering Helm releases failed: ${(e as Error).stack ?? e}` }),
  );

  constructor(private readonly post: (m: FromWorker) => void) {}

  handle(m: ToWorker): void {
    switch (m.type) {
      case 'init': this.init(m.config); break;
      case 'configure':
        this.host.configure({ pathMappings: m.pathMappings });
        break;
      case 'document':
        this.docs.set(m.doc.uri, m.doc);
        this.lastSettings = m.doc.settings;
        this.schedule(m.doc.uri, m.delay, true);
        break;
      case 'close':
        clearTimeout(this.pending.get(m.uri));
        this.pending.delete(m.uri);
        this.docs.delete(m.uri);
        this.models.evict(m.uri);
        // The file on disk is what the workspace holds now.
        if (m.uri.startsWith('file:')) this.guarded({ kind: 'file', path: fileURLToPath(m.uri) }, () => this.index.indexFile(fileURLToPath(m.uri)));
        break;
      case 'files':
        for (const c of m.changes) {
          if (!c.uri.startsWith('file:') || this.docs.has(c.uri)) continue;
          const file = fileURLToPath(c.uri);
          if (c.type === 3) this.index.remove(file);
          else if (!this.skipFiles.has(file)) this.guarded({ kind: 'file', path: file }, () => this.index.indexFile(file));
        }
        this.scheduleOthers();
        this.inventoryChanged();
        if (this.index.complete) this.renderer.schedule();
        break;
      case 'request':
        if (m.method === 'explain' && !this.index.complete) { this.afterScan.push(m); break; }
        this.post({ type: 'response', id: m.id, result: this.guarded({ kind: 'request', id: m.id }, () => this.request(m.method, m.params)) });
        break;
    }
  }

  private init(config: WorkspaceConfig): void {
    this.config = config;
    this.host.configure({ roots: config.roots, pathMappings: config.pathMappings, trusted: config.trusted });
    this.skipDocuments = new Set(config.skipDocuments.map((d) => `${d.uri}#${d.version}`));
    this.skipFiles = new Set(config.skipFiles);
    // Documents the editor opens with the workspace come first: the scan starts after their first
    // check (or SCAN_DELAY_MS), skips them, and re-checks them when the index is complete. Scanning
    // first made the first diagnostics of a large open file wait for that file to be parsed twice.
    this.scanTimer = setTimeout(() => this.startScan(), SCAN_DELAY_MS);
  }

  private scanTimer: NodeJS.Timeout | undefined;
  private scanStarted = false;

  private startScan(): void {
    if (this.scanStarted || !this.config) return;
    this.scanStarted = true;
    clearTimeout(this.scanTimer);
    void this.scan();
  }

  /** Runs a unit of work under the watchdog's eye. */
  private guarded<T>(job: Job, fn: () => T): T {
    this.post({ type: 'busy', job });
    try {
      return fn();
    } finally {
      this.post({ type: 'idle', job });
    }
  }

  private async scan(): Promise<void> {
    const config = this.config!;
    if (config.roots.length === 0) { this.index.complete = true; return; }
    if (config.progress) this.post({ type: 'progress', phase: 'begin', message: '' });
    try {
      await scanFolders(this.index, {
        skip: (file) => this.docs.has(pathToFileURL(file).href) || this.skipFiles.has(file),
        index: (file) => this.guarded({ kind: 'file', path: file }, () => this.index.indexFile(file)),
        progress: (percent, message) => { if (config.progress) this.post({ type: 'progress', phase: 'report', percent, message }); },
        maxFileSizeKB: config.scanLimitKB,
      });
    } finally {
      this.index.complete = true;
      if (config.progress) this.post({ type: 'progress', phase: 'end' });
      this.inventoryChanged();
      for (const uri of this.docs.keys()) this.schedule(uri, 0, false);
      for (const m of this.afterScan.splice(0)) this.handle(m);
      this.renderer.schedule(0);
    }
  }

  private schedule(uri: string, delay: number, propagate: boolean): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => { this.pending.delete(uri); this.validate(uri, propagate); }, delay));
  }

  private derivedTimer: NodeJS.Timeout | undefined;

  /** A keystore's key is ready: the documents that name the store are checked again (all open ones, once things settle). */
  private keyDerived(): void {
    this.index.keystoreKeysDerived();
    clearTimeout(this.derivedTimer);
    this.derivedTimer = setTimeout(() => {
      for (const uri of this.docs.keys()) this.schedule(uri, 0, false);
      this.inventoryChanged();
    }, 50);
  }

  /** Other open documents may refer to what this one defines: check them again, a little later. */
  private scheduleOthers(except?: string): void {
    clearTimeout(this.others);
    this.others = setTimeout(() => { for (const uri of this.docs.keys()) if (uri !== except) this.schedule(uri, 0, false); }, 400);
  }

  private validate(uri: string, propagate: boolean): void {
    if (!this.scanStarted && this.config) setImmediate(() => this.startScan());
    const doc = this.docs.get(uri);
    if (!doc || this.skipDocuments.has(`${uri}#${doc.version}`)) return;
    try {
      const diagnostics = this.guarded({ kind: 'document', uri, version: doc.version }, () => {
        const [checked] = this.engine.check([doc]);
        const path = uriToPath(uri);
        const lines = new LineIndex(doc.text);
        const positionOf = (p: string, o: number) => (p === path ? lines.positionAt(o) : this.index.position(p, o));
        return toDiagnostics(this.renderer.findingsFor(uri, doc.text, checked.findings), lines, positionOf);
      });
      this.post({ type: 'diagnostics', uri, version: doc.version, diagnostics });
      this.inventoryChanged();
      writeCodeCache(); // the build's warm-up session only
      if (propagate && this.docs.size > 1) this.scheduleOthers(uri);
    } catch (e) {
      this.post({ type: 'log', level: 'error', message: `TLS Lens: validating ${uri} failed: ${(e as Error).stack ?? e}` });
    }
  }

  /** The inventory, rebuilt when the index's inventory generation moves, or a minute on (days left). */
  private inventoryCache: { generation: number; at: number; days: number; inv: Inventory } | undefined;

  private inventory(days: number): Inventory {
    const c = this.inventoryCache;
    const t = now();
    if (c && c.generation === this.index.inventoryGeneration && c.days === days && t.getTime() - c.at < 60_000) return c.inv;
    const inv = buildInventory(this.index, t, days);
    this.inventoryCache = { generation: this.index.inventoryGeneration, at: t.getTime(), days, inv };
    return inv;
  }

  private notifiedInventory = '';

  /** Tells the main thread when what the inventory shows may have changed, or the scan finished (the view refreshes then). */
  private inventoryChanged(): void {
    const state = { generation: this.index.inventoryGeneration, complete: this.index.complete };
    const key = `${state.generation}/${state.complete}`;
    if (this.notifiedInventory === key) return;
    this.notifiedInventory = key;
    this.post({ type: 'inventoryChanged', state });
  }

  /** Cross-file features: they need the index, which lives here. */
  private request(method: string, params: unknown): unknown {
    if (method === 'explain') return this.explain(params);
    if (method === 'inventory') return inventoryView(this.inventory(days(params)), this.index);
    if (method === 'certificate') {
      const q = params as { sha256: string; what: 'pem' | 'details' };
      return certificateView(this.inventory(days(params)), q.sha256, q.what === 'details' ? 'details' : 'pem');
    }
    if (method === 'generateContext') {
      // Open documents first (they may be ahead of the disk), then the disk under the read policy.
      const openDoc = (file: string) => [...this.docs.values()].find((d) => d.uri.startsWith('file:') && fileURLToPath(d.uri) === file);
      const readText = (file: string) => openDoc(file)?.text ?? this.host.readFile(file, { purpose: 'workspace' });
      return generateContext(this.index, (params as { fix: GenerateFix }).fix, readText);
    }
    const p = params as { uri: string; version: number; position: Position };
    const doc = this.docs.get(p.uri);
    if (!doc || doc.version !== p.version || this.skipDocuments.has(`${p.uri}#${doc.version}`)) return null;
    const s = doc.settings;
    const model = this.engine.model(doc);
    const lines = new LineIndex(doc.text);
    switch (method) {
      case 'hover': {
        const file = uriToPath(p.uri);
        // A server block's grade needs the certificate its ssl_certificate resolves to: the index has it.
        const workspace = { view: this.index, path: file, serverCertificate: (s: ServerBlock) => serverCertificates(model, s, file, this.index)[0] };
        const hover = hoverAt({ model, position: p.position, lines, now: now(), workspace });
        return { hover: withRendered(hover, this.renderer.renderedAt(p.uri, doc.text, lines.offsetAt(p.position))) };
      }
      case 'definition': return referenceDefinition(model, p.position, lines, uriToPath(p.uri), this.index);
      case 'codeLens': {
        const index = p.uri.startsWith('file:') ? this.index : undefined;
        return codeLenses(documentInventory(model, uriToPath(p.uri), index, now(), s.expiryWarningDays), lines);
      }
      default: return null;
    }
  }

  /**
   * `tlsLens/explain`: the rules over every file of the index (the open documents as the editor
   * has them, the others as on disk), against the index as it is (no scan, no re-indexing), each
   * file a unit of work under the watchdog's eye; then the message explained among their findings.
   */
  private explain(params: unknown): ExplainAnswer | null {
    const message = explainInput(params);
    if (message === undefined) return null;
    const open = new Map<string, OpenDocument>();
    for (const d of this.docs.values()) if (d.uri.startsWith('file:')) open.set(fileURLToPath(d.uri), d);
    const files: CheckedFile[] = [];
    for (const file of new Set([...this.index.paths(), ...open.keys()])) {
      const doc = open.get(file);
      if (this.skipFiles.has(file) || (doc && this.skipDocuments.has(`${doc.uri}#${doc.version}`))) continue;
      const checked = this.guarded({ kind: 'file', path: file }, () => {
        const source = doc ?? this.fileDocument(file);
        return source ? { path: file, text: source.text, findings: this.engine.checkIndexed(source).findings } : undefined;
      });
      if (checked) files.push(checked);
    }
    return explainAnswer(message, files, this.host.roots, this.index.complete);
  }

  /** A workspace file as a document, read under the host's policy (undefined: unreadable, or not ours). */
  private fileDocument(file: string): SourceDocument | undefined {
    const text = this.host.readFile(file, { purpose: 'workspace' });
    const languageId = text === undefined ? undefined : languageFor(file, text);
    return text !== undefined && languageId ? { uri: pathToFileURL(file).href, languageId, text } : undefined;
  }
}

/** Entry point of the worker thread. */
export function runEngineWorker(): void {
  const port = parentPort!;
  const worker = new EngineWorker((m) => port.postMessage(m));
  port.on('message', (m: ToWorker) => worker.handle(m));
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

/** The expiry window a request asks for (the client's tlsLens.expiryWarningDays), else the default. */
function days(params: unknown): number {
  const d = (params as { expiringDays?: unknown } | undefined)?.expiringDays;
  return typeof d === 'number' && Number.isInteger(d) && d >= 0 ? d : DEFAULTS.expiryWarningDays;
}
