/**
 * The session's life: initialize (capabilities, roots, trust), the engine's start, settings and
 * trust changes, file events, and the open documents handed to the engine as they change.
 */
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { writeCodeCache } from '../launch/hook';
import { normalizeSettings } from '../settings';
import { DEFAULT_BUDGET_MS, Session } from './session';

export function registerLifecycle(s: Session, commands: readonly string[]): void {
  const { connection, documents, settings, models, host, engine, client } = s;

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    client.progress = !!caps.window?.workDoneProgress;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // VS Code's client says whether the workspace is trusted; other clients have no Restricted Mode.
    const trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    // TLS Lens's own VS Code client runs generate actions through its command (consent, notifications).
    client.generates = (params.initializationOptions as { generateCommand?: unknown } | undefined)?.generateCommand === true;
    host.configure({ roots, trusted });
    settings.setCanPull(!!caps.workspace?.configuration);
    client.configurationChanges = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    client.codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [...commands] },
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
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
    engine.start({ roots: host.roots, trusted: host.trusted, pathMappings: w.pathMappings, scanLimitKB: w.scanLimitKB, progress: client.progress, skipDocuments: [], skipFiles: [] });
    for (const d of documents.all()) void s.send(d, 0);
    if (client.configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlsLens' });
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
    for (const doc of documents.all()) void s.send(doc, 0);
  });

  connection.onDidChangeWatchedFiles((params) => engine.files(params.changes.map((c) => ({ uri: c.uri, type: c.type as 1 | 2 | 3 }))));

  documents.onDidOpen((e) => void s.send(e.document, 0));
  const opened = new Set<string>();
  documents.onDidChangeContent((e) => {
    // TextDocuments also reports an open as a change: the open already sent it.
    if (!opened.has(e.document.uri)) { opened.add(e.document.uri); return; }
    void s.send(e.document, 120);
  });
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
    models.evict(e.document.uri);
    settings.forget(e.document.uri);
    engine.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onShutdown(() => { writeCodeCache(); return engine.dispose(); });
}
