/**
 * The session's life: initialize (capabilities, roots, trust), the engine's start, settings and
 * trust changes, file events, and the open documents handed to the engine as they change.
 */
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { writeCodeCache } from './codeCacheHook';
import { normalizeSettings } from '../settings';
import { DEFAULT_BUDGET_MS, Session } from './session';
import { DEFAULTS } from '../defaults';
import type { WorkspaceConfig } from './protocol';
import type { SettingRelease } from '../rendered';

export function registerLifecycle(s: Session, commands: readonly string[]): void {
  const { connection, engine } = s;
  connection.onInitialize((params) => initialize(s, params, commands));
  connection.onInitialized(() => initialized(s));
  connection.onNotification('tlsLens/workspaceTrust', (p: { trusted?: boolean }) => trustChanged(s, p));
  connection.onDidChangeConfiguration(() => settingsChanged(s));
  connection.onDidChangeWatchedFiles((params) => engine.files(params.changes.map((c) => ({ uri: c.uri, type: c.type as 1 | 2 | 3 }))));
  followDocuments(s);
  connection.onShutdown(() => { writeCodeCache(); return engine.dispose(); });
}

/** What the client can do and where the workspace is; what the server offers. */
function initialize({ host, settings, client }: Session, params: InitializeParams, commands: readonly string[]): InitializeResult {
  const caps = params.capabilities;
  client.progress = !!caps.window?.workDoneProgress;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const options = params.initializationOptions as { workspaceTrusted?: unknown; generateCommand?: unknown } | undefined;
  // VS Code's client says whether the workspace is trusted; other clients have no Restricted Mode.
  const trusted = options?.workspaceTrusted !== false;
  // TLS Lens's own VS Code client runs generate actions through its command (consent, notifications).
  client.generates = options?.generateCommand === true;
  host.configure({ roots, trusted });
  settings.setCanPull(!!caps.workspace?.configuration);
  client.configurationChanges = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  client.codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
  return { capabilities: serverCapabilities(commands), serverInfo: { name: 'tls-lens', version: process.env.TLS_LENS_VERSION ?? '0.1.0' } };
}

function serverCapabilities(commands: readonly string[]): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    documentSymbolProvider: true,
    completionProvider: { triggerCharacters: [':', ' '] },
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    executeCommandProvider: { commands: [...commands] },
    definitionProvider: true,
    codeLensProvider: { resolveProvider: false },
  };
}

/** The engine starts with the window's settings, and is handed the documents already open. */
async function initialized(s: Session): Promise<void> {
  const { connection, documents, settings, host, engine, client } = s;
  const w = settings.canPull ? await windowSettings(connection) : NO_WINDOW_SETTINGS;
  host.configure({ pathMappings: w.pathMappings });
  engine.budgetMs = w.budgetMs;
  engine.start({
    roots: host.roots, trusted: host.trusted, pathMappings: w.pathMappings, scanLimitKB: w.scanLimitKB, progress: client.progress,
    skipDocuments: [], skipFiles: [], render: w.render,
  });
  for (const d of documents.all()) void s.send(d, 0);
  if (client.configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlsLens' });
}

/** Window-level settings: path mappings, the scan's size limit, the time budget. */
async function windowSettings(connection: Connection): Promise<WindowSettings> {
  const config = await connection.workspace.getConfiguration('tlsLens').then((c) => c as Record<string, unknown> | null, () => null);
  const pathMappings = config && config.pathMappings && typeof config.pathMappings === 'object' ? (config.pathMappings as Record<string, string>) : {};
  const budget = config?.analysisBudgetMs;
  const helm = config?.helm && typeof config.helm === 'object' ? (config.helm as Record<string, unknown>) : {};
  const kubectl = config?.kubectl && typeof config.kubectl === 'object' ? (config.kubectl as Record<string, unknown>) : {};
  return {
    pathMappings, scanLimitKB: normalizeSettings(config).maxFileSizeKB,
    budgetMs: typeof budget === 'number' && budget >= 100 ? budget : DEFAULT_BUDGET_MS,
    render: {
      enabled: typeof helm.enabled === 'boolean' ? helm.enabled : DEFAULTS.helmEnabled,
      helm: typeof helm.path === 'string' && helm.path.trim() !== '' ? helm.path : DEFAULTS.helmPath,
      timeoutMs: (typeof helm.timeoutSeconds === 'number' && helm.timeoutSeconds >= 1 ? helm.timeoutSeconds : DEFAULTS.renderTimeoutSeconds) * 1000,
      releases: Array.isArray(helm.releases) ? (helm.releases as SettingRelease[]) : [],
      kubectl: typeof kubectl.path === 'string' && kubectl.path.trim() !== '' ? kubectl.path : DEFAULTS.kubectlPath,
    },
  };
}

interface WindowSettings {
  pathMappings: Record<string, string>;
  scanLimitKB: number;
  budgetMs: number;
  render: NonNullable<WorkspaceConfig['render']>;
}

const NO_WINDOW_SETTINGS: WindowSettings = {
  pathMappings: {}, scanLimitKB: 2048, budgetMs: DEFAULT_BUDGET_MS,
  render: { enabled: DEFAULTS.helmEnabled, helm: DEFAULTS.helmPath, timeoutMs: DEFAULTS.renderTimeoutSeconds * 1000, kubectl: DEFAULTS.kubectlPath },
};

/** The client granted (or withdrew) trust: the engine starts again under the new policy. */
function trustChanged({ host, models, engine }: Session, p: { trusted?: boolean }): void {
  if (typeof p?.trusted !== 'boolean' || p.trusted === host.trusted) return;
  host.configure({ trusted: p.trusted });
  models.clear();
  engine.restart({ trusted: p.trusted });
}

/** Settings changed: what was cached under the old ones goes, and every open document is checked again. */
async function settingsChanged(s: Session): Promise<void> {
  const { connection, documents, settings, models, host, engine } = s;
  settings.forget();
  models.clear();
  const w = await windowSettings(connection);
  host.configure({ pathMappings: w.pathMappings });
  engine.budgetMs = w.budgetMs;
  // Rendering is set up when the worker starts: new helm settings start it again.
  if (JSON.stringify(engine.renderSettings) !== JSON.stringify(w.render)) engine.restart({ render: w.render });
  else engine.configure(w.pathMappings, w.scanLimitKB);
  for (const doc of documents.all()) void s.send(doc, 0);
}

/** Open documents go to the engine as they open and change (typing debounced); a closed one's state and diagnostics go. */
function followDocuments(s: Session): void {
  const { connection, documents, settings, models, engine } = s;
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
}
