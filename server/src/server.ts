/**
 * The language server. The main thread speaks LSP and answers the features that need only the
 * document itself (hover on a block, a key or a directive; completion; symbols; quick fixes); the
 * engine worker (service/engineWorker.ts) holds the models, the workspace index and the rules, and
 * answers what needs the workspace (diagnostics, hover on a reference, go to definition). A
 * document whose analysis exceeds the time budget cannot stall the requests of the others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { writeCodeCache } from './launch/hook';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, Location } from 'vscode-languageserver-types';
import { ModelCache } from './documents';
import { hoverAt } from './features/hover/index';
import { codeActions, GENERATE_FROM_DIAGNOSTIC } from './features/codeActions';
import { CommandHost, GenerateArgs, prefill, runGenerate, SERVER_GENERATE } from './features/commands';
import type { GenerateContext } from './generate/context';
import { refsOf } from './model/refs';
import { ownedDocuments } from './products';
import { languageFor } from './workspace/files';
import { DEFAULT_SETTINGS, safeModel } from './engine';
import { describeInternalError } from './util/errors';
import { completionAt } from './features/completion/index';
import { uriToPath } from './model/document';
import { schemaWithoutLine } from './model/schemaProbe';
import type { DocumentModel } from './model/document';
import { NodeHost } from './host';
import type { EngineSettings } from './engine';
import { documentSymbols } from './features/symbols';
import { normalizeSettings, SettingsStore } from './settings';
import { LineIndex, Position } from './util/lineIndex';
import { EngineClient } from './service/engineClient';
import { runEngineWorker } from './service/engineWorker';
import { now } from './service/clock';
import { LSP_SEVERITY } from './features/diagnostics';
import { ruleDocUrl } from './rules/registry';
import { DEFAULTS } from './defaults';

/** Documents up to this size get local features at once; larger ones once the engine analysed them within budget. */
const LOCAL_MAX_CHARS = 512 * 1024;
export const DEFAULT_BUDGET_MS = DEFAULTS.analysisBudgetMs;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const models = new ModelCache();
  // The main thread's reads follow the same policy as the worker's (roots, trust, mappings).
  const host = new NodeHost();
  let configurationChanges = false;
  let progressSupported = false;
  let clientGenerates = false;
  let progress: WorkDoneProgressServerReporter | undefined;

  const engine = new EngineClient(workerScript(), {
    diagnostics: (uri, version, diagnostics) => {
      const doc = documents.get(uri);
      if (!doc || (version !== undefined && doc.version !== version)) return; // a newer version is on its way
      void connection.sendDiagnostics({ uri, version, diagnostics });
    },
    progress: (phase, percent, message) => {
      if (phase === 'begin') void connection.window.createWorkDoneProgress().then((p) => { progress = p; p.begin('TLS Lens: indexing certificates', 0, '', false); }, () => undefined);
      else if (phase === 'report') progress?.report(percent ?? 0, message ?? '');
      else { progress?.done(); progress = undefined; }
    },
    log: (level, message) => (level === 'error' ? connection.console.error(message) : connection.console.info(message)),
    stopped: (job, budgetMs) => {
      if (job.kind === 'document') {
        const doc = documents.get(job.uri);
        if (!doc || doc.version !== job.version) return;
        const nl = doc.getText().indexOf('\n');
        void connection.sendDiagnostics({
          uri: job.uri,
          version: job.version,
          diagnostics: [{
            range: { start: { line: 0, character: 0 }, end: doc.positionAt(Math.min(nl < 0 ? doc.getText().length : nl, 200)) },
            severity: LSP_SEVERITY.information,
            code: 'core/analysis-limit',
            codeDescription: { href: ruleDocUrl('core/analysis-limit') },
            source: 'TLS Lens',
            message: `TLS Lens did not analyse all of this file: its analysis took longer than ${budgetMs} ms (tlsLens.analysisBudgetMs) and was stopped; other files are not affected. It is tried again when the file changes.`,
          }],
        });
      }
      connection.console.error(`TLS Lens: ${job.kind === 'document' ? job.uri : job.kind === 'file' ? job.path : `request ${job.id}`} exceeded the ${budgetMs} ms budget and was stopped`);
    },
  }, DEFAULT_BUDGET_MS);

  const source = (doc: TextDocument) => ({ uri: doc.uri, languageId: doc.languageId, text: doc.getText(), version: doc.version });
  /** The document's model for local features: no schema validation (the engine reports that). */
  const localModel = async (doc: TextDocument, s: EngineSettings): Promise<DocumentModel | undefined> => {
    if (engine.stoppedVersion(doc.uri, doc.version)) return undefined;
    if (doc.getText().length > LOCAL_MAX_CHARS && (await engine.settledOk(doc.uri, doc.version, engine.budgetMs)) !== true) return undefined;
    return models.get(source(doc), { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, nginx: s.nginx, host, schemaProblems: false });
  };

  async function send(doc: TextDocument, delay: number): Promise<void> {
    const s = await settings.get(doc.uri);
    if (documents.get(doc.uri)?.version !== doc.version) return;
    engine.document({ ...source(doc), settings: s }, delay);
  }

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    progressSupported = !!caps.window?.workDoneProgress;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // VS Code's client says whether the workspace is trusted; other clients have no Restricted Mode.
    const trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    // TLS Lens's own VS Code client runs generate actions through its command (consent, notifications).
    clientGenerates = (params.initializationOptions as { generateCommand?: unknown } | undefined)?.generateCommand === true;
    host.configure({ roots, trusted });
    settings.setCanPull(!!caps.workspace?.configuration);
    configurationChanges = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: Object.keys(serverCommands) },
        definitionProvider: true,
      },
      serverInfo: { name: 'tls-lens', version: process.env.TLS_LENS_VERSION ?? '0.1.0' },
    };
  });

  /** Window-level settings: path mappings, the scan's size limit, the time budget. */
  async function windowSettings(): Promise<{ pathMappings: Record<string, string>; scanLimitKB: number; budgetMs: number }> {
    const config = await connection.workspace.getConfiguration('tlsLens').then((c) => c as Record<string, unknown> | null, () => null);
    const pathMappings = config && config.pathMappings && typeof config.pathMappings === 'object' ? (config.pathMappings as Record<string, string>) : {};
    const budget = config?.analysisBudgetMs;
    return { pathMappings, scanLimitKB: normalizeSettings(config).maxFileSizeKB, budgetMs: typeof budget === 'number' && budget >= 100 ? budget : DEFAULT_BUDGET_MS };
  }

  connection.onInitialized(async () => {
    const w = settings.canPull ? await windowSettings() : { pathMappings: {}, scanLimitKB: 2048, budgetMs: DEFAULT_BUDGET_MS };
    host.configure({ pathMappings: w.pathMappings });
    engine.budgetMs = w.budgetMs;
    engine.start({ roots: host.roots, trusted: host.trusted, pathMappings: w.pathMappings, scanLimitKB: w.scanLimitKB, progress: progressSupported, skipDocuments: [], skipFiles: [] });
    for (const d of documents.all()) void send(d, 0);
    if (configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlsLens' });
  });

  connection.onNotification('tlsLens/workspaceTrust', (p: { trusted?: boolean }) => {
    if (typeof p?.trusted !== 'boolean' || p.trusted === host.trusted) return;
    host.configure({ trusted: p.trusted });
    models.clear();
    engine.restart({ trusted: p.trusted });
  });

  connection.onDidChangeConfiguration(async () => {
    settings.forget();
    models.clear();
    const w = await windowSettings();
    host.configure({ pathMappings: w.pathMappings });
    engine.budgetMs = w.budgetMs;
    engine.configure(w.pathMappings, w.scanLimitKB);
    for (const doc of documents.all()) void send(doc, 0);
  });

  connection.onDidChangeWatchedFiles((params) => engine.files(params.changes.map((c) => ({ uri: c.uri, type: c.type as 1 | 2 | 3 }))));

  documents.onDidOpen((e) => void send(e.document, 0));
  const opened = new Set<string>();
  documents.onDidChangeContent((e) => {
    // TextDocuments also reports an open as a change: the open already sent it.
    if (!opened.has(e.document.uri)) { opened.add(e.document.uri); return; }
    void send(e.document, 120);
  });
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
    models.evict(e.document.uri);
    settings.forget(e.document.uri);
    engine.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** Runs a feature on the document's local model; a failure is logged, never thrown at the client. */
  function feature<T>(name: string, uri: string, empty: T, fn: (doc: TextDocument, model: DocumentModel, s: EngineSettings) => T | Promise<T>): Promise<T> {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(empty);
    return (async () => {
      try {
        const s = await settings.get(doc.uri);
        const model = await localModel(doc, s);
        return model ? await fn(doc, model, s) : empty;
      } catch (e) {
        connection.console.error(`TLS Lens: ${name} failed: ${(e as Error).stack ?? e}`);
        return empty;
      }
    })();
  }

  // The engine worker answers with the workspace index; without it (a newer version on its way,
  // a document stopped at the budget) the same providers answer here, minus the cross-file ones.
  connection.onHover((params) => feature<Hover | null>('hover', params.textDocument.uri, null, async (doc, model) => {
    const answered = await engine.request<{ hover: Hover | null }>('hover', { uri: doc.uri, version: doc.version, position: params.position });
    return answered ? answered.hover : hoverAt({ model, position: params.position, lines: new LineIndex(model.text), now: now() });
  }));

  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return engine.request<Location>('definition', { uri: doc.uri, version: doc.version, position: params.position });
  });

  connection.onDocumentSymbol((params) => feature('symbols', params.textDocument.uri, [], (_doc, model) => documentSymbols(model)));

  connection.onCompletion((params) => feature('completion', params.textDocument.uri, [], (_doc, model, s) => {
    const lines = new LineIndex(model.text);
    const fallbackSchema = model.yaml ? schemaWithoutLine(model, params.position.line, lines.offsetAt(params.position), { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, host }) : undefined;
    return completionAt({ model, position: params.position, lines, fallbackSchema });
  }));

  connection.onCodeAction((params) => codeActions(params.textDocument.uri, params.context.diagnostics, host.trusted
    ? (fix) => (clientGenerates
      ? { title: fix.title, command: GENERATE_FROM_DIAGNOSTIC, arguments: [fix] }
      : { title: fix.title, command: SERVER_GENERATE, arguments: [{ kind: 'fix', fix, apply: true }] })
    : undefined));

  const commandHost: CommandHost = {
    get trusted() { return host.trusted; },
    openText: (file) => documents.all().find((d) => d.uri.startsWith('file:') && uriToPath(d.uri) === file)?.getText(),
    context: (fix) => engine.request<GenerateContext>('generateContext', { fix }),
    model: (file) => {
      const text = commandHost.openText(file) ?? host.readFile(file, { purpose: 'workspace' });
      const languageId = text === undefined ? undefined : languageFor(file, text);
      return text === undefined || !languageId ? undefined : safeModel({ uri: file, languageId, text }, { maxFileSizeKB: DEFAULT_SETTINGS.maxFileSizeKB, yaml: DEFAULT_SETTINGS.yaml, nginx: DEFAULT_SETTINGS.nginx, host });
    },
    version: process.env.TLS_LENS_VERSION ?? '0.1.0',
    now,
    // Created or changed alike: the index reads the file again either way.
    wrote: (paths) => engine.files(paths.map((p) => ({ uri: pathToFileURL(p).href, type: 1 as const }))),
  };

  /** The commands this server executes (workspace/executeCommand), in one table; the capability lists its keys. */
  const serverCommands: Record<string, (args: readonly unknown[]) => Promise<unknown>> = {
    [SERVER_GENERATE]: (args) => generate((args[0] ?? {}) as GenerateArgs & { apply?: boolean }),
  };
  connection.onExecuteCommand((params) => serverCommands[params.command]?.(params.arguments ?? []) ?? null);

  async function generate(args: GenerateArgs & { apply?: boolean }): Promise<unknown> {
    try {
      const r = await runGenerate(args, commandHost);
      // Called straight from a code action (an LSP client other than TLS Lens's own): apply and say so here.
      if (args.apply) {
        // Notifications, not requests: a client that does not answer showMessageRequest must not hang or fail us.
        const say = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });
        if (r.status === 'made') {
          if (r.edit) await connection.workspace.applyEdit({ label: r.title, edit: r.edit });
          say(MessageType.Info, `TLS Lens: ${r.title}${r.files.length ? ` (${r.files.length} file(s) in ${r.out})` : ''}.`);
        } else if (r.status === 'exists') {
          say(MessageType.Warning, `TLS Lens: nothing was written: ${r.existing.join(', ')} exist in ${r.out}.`);
        } else if (r.status === 'confirm') {
          say(MessageType.Warning, `TLS Lens: ${r.message.replace(/ Continue\?$/, '')} Not done: use TLS Lens in VS Code, or tls-lens generate renew … --force.`);
        } else {
          say(MessageType.Error, `TLS Lens: ${r.message}`);
        }
      }
      return r;
    } catch (e) {
      connection.console.error(`TLS Lens: generate failed: ${describeInternalError(e)}`);
      return { status: 'error', message: `TLS Lens failed: ${(e as Error).message}` };
    }
  }

  connection.onRequest('tlsLens/generatePrefill', (p: { uri: string; position: Position }) => feature('prefill', p.uri, null, (_doc, model) => prefill(model, new LineIndex(model.text).offsetAt(p.position), refsOf, (m) => ownedDocuments(m).map((o) => o.product).find((x) => x?.bundle)?.id ?? (m.nginx ? 'nginx' : undefined))));

  connection.onShutdown(() => { writeCodeCache(); return engine.dispose(); });

  documents.listen(connection);
  connection.listen();
}

/** The script the engine worker runs: the launcher beside the bundle (it loads the worker's code cache), else this file. */
function workerScript(): string {
  const launcher = path.join(__dirname, 'server.js');
  return __filename !== launcher && fs.existsSync(launcher) ? launcher : __filename;
}

if (isMainThread) {
  // Transport from argv: --stdio, --node-ipc (VS Code), --socket=N; createConnection reads them.
  startServer(createConnection(ProposedFeatures.all));
} else if ((workerData as { tlsLensEngine?: boolean } | undefined)?.tlsLensEngine) {
  runEngineWorker();
}
