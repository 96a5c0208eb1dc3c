/**
 * The main thread's side of the engine worker, and its watchdog. A unit of work (a document
 * version, a file of the scan) that exceeds the budget stops the worker; a new one starts with
 * the same workspace and documents, minus what was stopped, which is reported and not tried again
 * (a document is tried again at its next version).
 */
import type { Worker } from 'node:worker_threads';
import { engineWorker } from './engineThread';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FromWorker, InventoryState, Job, OpenDocument, ToWorker, WorkspaceConfig } from './protocol';

export interface EngineClientEvents {
  diagnostics(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  progress(phase: 'begin' | 'report' | 'end', percent?: number, message?: string): void;
  log(level: 'error' | 'info', message: string): void;
  /** A unit of work was stopped at the budget. */
  stopped(job: Job, budgetMs: number): void;
  /** What the inventory shows may have changed. */
  inventoryChanged?(state: InventoryState): void;
}

export class EngineClient {
  private worker: Worker | undefined;
  private config: WorkspaceConfig | undefined;
  private readonly docs = new Map<string, OpenDocument>();
  private readonly skipDocuments: { uri: string; version: number }[] = [];
  private readonly skipFiles: string[] = [];
  private busy: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private readonly requests = new Map<number, { method: string; params: unknown; resolve: (v: unknown) => void }>();
  /** Settled document versions (analysed within budget, or stopped), for features that wait on them. */
  private readonly settled = new Map<string, { version: number; ok: boolean }>();
  private readonly waiters: { uri: string; version: number; resolve: (ok: boolean) => void }[] = [];
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly events: EngineClientEvents,
    public budgetMs: number,
  ) {}

  start(config: WorkspaceConfig): void {
    this.config = config;
    this.spawn();
  }

  /** Replaces the worker (trust changed, or it was stopped) and hands it the current state. */
  restart(config?: Partial<WorkspaceConfig>): void {
    if (config && this.config) this.config = { ...this.config, ...config };
    void this.worker?.terminate();
    this.spawn();
  }

  private spawn(): void {
    if (this.disposed || !this.config) return;
    const w = engineWorker(this.script);
    this.worker = w;
    w.on('message', (m: FromWorker) => { if (this.worker === w) this.receive(m); });
    w.on('error', (e) => { if (this.worker === w) { this.events.log('error', `TLS Lens engine failed: ${e.stack ?? e}`); this.replace(); } });
    w.on('exit', (code) => {
      if (this.worker === w && !this.disposed) {
        this.events.log('error', `TLS Lens engine exited (${code}); restarting it`);
        this.replace();
      }
    });
    this.post({ type: 'init', config: { ...this.config, skipDocuments: this.skipDocuments, skipFiles: this.skipFiles } });
    for (const doc of this.docs.values()) this.post({ type: 'document', doc, delay: 0 });
    for (const [id, r] of this.requests) this.post({ type: 'request', id, method: r.method, params: r.params });
  }

  private replace(): void {
    this.clearBusy();
    this.worker = undefined;
    setTimeout(() => { if (!this.worker) this.spawn(); }, 100);
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'diagnostics': this.events.diagnostics(m.uri, m.version, m.diagnostics); break;
      case 'progress': this.events.progress(m.phase, m.percent, m.message); break;
      case 'log': this.events.log(m.level, m.message); break;
      case 'response': {
        const r = this.requests.get(m.id);
        this.requests.delete(m.id);
        r?.resolve(m.result);
        break;
      }
      case 'busy':
        this.clearBusy();
        this.busy = { job: m.job, timer: setTimeout(() => this.overBudget(m.job), this.budgetMs) };
        break;
      case 'idle':
        this.clearBusy();
        if (m.job.kind === 'document') this.settle(m.job.uri, m.job.version, true);
        break;
      case 'ready': break;
      case 'inventoryChanged': this.events.inventoryChanged?.(m.state); break;
    }
  }

  private clearBusy(): void {
    if (this.busy) clearTimeout(this.busy.timer);
    this.busy = undefined;
  }

  private overBudget(job: Job): void {
    if (this.busy?.job !== job) return;
    if (job.kind === 'document') {
      this.skipDocuments.push({ uri: job.uri, version: job.version });
      this.settle(job.uri, job.version, false);
    } else if (job.kind === 'file') this.skipFiles.push(job.path);
    else {
      // A request that runs past the budget is answered empty, and not asked again.
      this.requests.get(job.id)?.resolve(null);
      this.requests.delete(job.id);
    }
    this.events.stopped(job, this.budgetMs);
    const w = this.worker;
    this.worker = undefined;
    this.clearBusy();
    void w?.terminate();
    this.spawn();
  }

  private settle(uri: string, version: number, ok: boolean): void {
    this.settled.set(uri, { version, ok });
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.uri === uri && version >= w.version) { this.waiters.splice(i, 1); w.resolve(ok); }
    }
  }

  /** Whether a document version was analysed within budget (waits until it is settled, or `waitMs`). */
  settledOk(uri: string, version: number, waitMs: number): Promise<boolean | undefined> {
    const s = this.settled.get(uri);
    if (s && s.version >= version) return Promise.resolve(s.ok);
    if (this.skipDocuments.some((d) => d.uri === uri && d.version === version)) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { uri, version, resolve: (ok: boolean) => { clearTimeout(t); resolve(ok); } };
      const t = setTimeout(() => { this.waiters.splice(this.waiters.indexOf(waiter), 1); resolve(undefined); }, waitMs);
      this.waiters.push(waiter);
    });
  }

  /** Whether the last unit of work on this document was stopped at the budget. */
  stoppedVersion(uri: string, version: number): boolean {
    return this.skipDocuments.some((d) => d.uri === uri && d.version === version);
  }

  document(doc: OpenDocument, delay: number): void {
    this.docs.set(doc.uri, doc);
    this.post({ type: 'document', doc, delay });
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.settled.delete(uri);
    this.post({ type: 'close', uri });
  }

  files(changes: readonly { uri: string; type: 1 | 2 | 3 }[]): void {
    this.post({ type: 'files', changes });
  }

  /** The rendering settings the worker was started with. */
  get renderSettings(): WorkspaceConfig['render'] {
    return this.config?.render;
  }

  configure(pathMappings: Readonly<Record<string, string>>, scanLimitKB: number): void {
    if (this.config) this.config = { ...this.config, pathMappings, scanLimitKB };
    this.post({ type: 'configure', pathMappings, scanLimitKB });
  }

  /** Asks the worker; a request made before the worker starts waits for it (spawn hands it the pending ones). */
  request<T>(method: string, params: unknown): Promise<T | null> {
    if (this.disposed) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.requests.set(id, { method, params, resolve: (v) => resolve(v as T | null) });
      this.post({ type: 'request', id, method, params });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearBusy();
    for (const r of this.requests.values()) r.resolve(null);
    this.requests.clear();
    await this.worker?.terminate();
  }
}
