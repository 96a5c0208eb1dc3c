import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runRules } from './engine';
import { ModelCache } from './documents';
import { toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { codeActions } from './features/codeActions';
import { yamlCompletion, yamlHover } from './features/yaml';
import { buildModel, uriToPath } from './model/document';
import { nginxCompletion, nginxHover } from './features/nginx';
import type { DocumentModel } from './model/document';
import { nodeHost } from './host';
import type { EngineSettings } from './engine';
import { WorkspaceIndex } from './workspace/index';
import { scanFolders } from './workspace/scan';
import { referenceDefinition, referenceHover } from './features/references';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { documentSymbols } from './features/symbols';
import { normalizeSettings, SettingsStore } from './settings';
import { LineIndex } from './util/lineIndex';

/** The clock: TLS_LENS_NOW (ISO date) pins it for tests and reproducible demos. */
function now(): Date {
  const pinned = process.env.TLS_LENS_NOW;
  return pinned ? new Date(pinned) : new Date();
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const models = new ModelCache();
  const pending = new Map<string, { timer: NodeJS.Timeout; version: number }>();
  let configurationChanges = false;
  let progressSupported = false;
  const index = new WorkspaceIndex(nodeHost);
  let revalidateOthers: NodeJS.Timeout | undefined;

  const source = (doc: TextDocument) => ({ uri: doc.uri, languageId: doc.languageId, text: doc.getText(), version: doc.version });
  const modelOf = (doc: TextDocument, s: EngineSettings): DocumentModel => models.get(source(doc), { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, nginx: s.nginx, host: nodeHost });

  /** Other open documents may refer to what this one defines: check them again, a little later. */
  function scheduleOthers(except?: string): void {
    clearTimeout(revalidateOthers);
    revalidateOthers = setTimeout(() => { for (const d of documents.all()) if (d.uri !== except) schedule(d, 0, false); }, 400);
  }

  async function validate(doc: TextDocument, propagate: boolean): Promise<void> {
    try {
      const s = await settings.get(doc.uri);
      if (documents.get(doc.uri)?.version !== doc.version) return; // a newer version is on its way
      const model = modelOf(doc, s);
      const path = uriToPath(doc.uri);
      if (doc.uri.startsWith('file:')) index.updateFromModel(path, model);
      const findings = runRules(model, s, now(), index);
      const lines = new LineIndex(model.text);
      const positionOf = (p: string, o: number) => (p === path ? lines.positionAt(o) : index.position(p, o));
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(findings, lines, positionOf) });
      if (propagate && documents.all().length > 1) scheduleOthers(doc.uri);
    } catch (e) {
      connection.console.error(`TLS Lens: validating ${doc.uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  function schedule(doc: TextDocument, delay: number, propagate = true): void {
    clearTimeout(pending.get(doc.uri)?.timer);
    const timer = setTimeout(() => { pending.delete(doc.uri); void validate(doc, propagate); }, delay);
    pending.set(doc.uri, { timer, version: doc.version });
  }

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    progressSupported = !!caps.window?.workDoneProgress;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    index.roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    settings.setCanPull(!!caps.workspace?.configuration);
    configurationChanges = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        definitionProvider: true,
      },
      serverInfo: { name: 'tls-lens', version: process.env.TLS_LENS_VERSION ?? '0.1.0' },
    };
  });

  let scanLimitKB = 2048;
  /** Workspace-level settings of the index: path mappings, and the size limit of the scan. */
  async function refreshPathMappings(): Promise<void> {
    const config = await connection.workspace.getConfiguration('tlsLens').then((c) => c as Record<string, unknown> | null, () => null);
    index.pathMappings = config && config.pathMappings && typeof config.pathMappings === 'object' ? (config.pathMappings as Record<string, string>) : {};
    scanLimitKB = normalizeSettings(config).maxFileSizeKB;
  }

  /** Indexes the workspace in the background (never per keystroke), reporting progress. */
  async function scanWorkspace(): Promise<void> {
    if (index.roots.length === 0) { index.complete = true; return; }
    const progress = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('TLS Lens: indexing certificates', 0, '', false);
    try {
      await refreshPathMappings();
      // An open document wins over the disk.
      await scanFolders(index, { skip: (file) => !!documents.get(pathToFileURL(file).href), progress: (p, m) => progress?.report(p, m), maxFileSizeKB: scanLimitKB });
    } finally {
      index.complete = true;
      progress?.done();
      for (const d of documents.all()) schedule(d, 0, false);
    }
  }

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:') || documents.get(change.uri)) continue;
      const file = fileURLToPath(change.uri);
      if (change.type === 3) index.remove(file);
      else index.indexFile(file);
    }
    scheduleOthers();
  });

  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const s = await settings.get(doc.uri);
    const model = modelOf(doc, s);
    return referenceDefinition(model, params.position, new LineIndex(model.text), uriToPath(doc.uri), index);
  });

  connection.onInitialized(() => {
    void scanWorkspace();
    if (configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlsLens' });
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    void refreshPathMappings().finally(() => { for (const doc of documents.all()) schedule(doc, 0); });
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    // TextDocuments also reports an open as a change: keep the immediate validation of the open.
    if (pending.get(e.document.uri)?.version === e.document.version) return;
    schedule(e.document, 120);
  });
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri)?.timer);
    pending.delete(e.document.uri);
    models.evict(e.document.uri);
    settings.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const s = await settings.get(doc.uri);
      const model = modelOf(doc, s);
      const lines = new LineIndex(model.text);
      return hover(model, params.position, now(), lines)
        ?? referenceHover(model, params.position, lines, uriToPath(doc.uri), index, now())
        ?? (model.yaml ? yamlHover(model, params.position, lines) : null)
        ?? (model.nginx ? nginxHover(model, params.position, lines, uriToPath(doc.uri), nodeHost, now()) : null);
    } catch (e) {
      connection.console.error(`TLS Lens: hover failed: ${(e as Error).stack ?? e}`);
      return null;
    }
  });

  connection.onDocumentSymbol(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const s = await settings.get(doc.uri);
      return documentSymbols(modelOf(doc, s));
    } catch (e) {
      connection.console.error(`TLS Lens: symbols failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || (doc.languageId !== 'yaml' && doc.languageId !== 'nginx')) return [];
    try {
      const s = await settings.get(doc.uri);
      if (doc.languageId === 'nginx') return nginxCompletion(modelOf(doc, s), params.position);
      const model = modelOf(doc, s);
      const positions = new LineIndex(model.text);
      let fallback;
      const offset = positions.offsetAt(params.position);
      const current = model.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end);
      if (!current?.schema) {
        // Half-typed YAML may not parse: choose the schema from the text without the line being typed.
        const lines = model.text.split('\n');
        lines[params.position.line] = '';
        const probe = buildModel({ uri: doc.uri, languageId: 'yaml', text: lines.join('\n') }, { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, host: nodeHost });
        fallback = probe.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end + 1)?.schema?.entry?.schema;
      }
      return yamlCompletion(model, params.position, positions, fallback);
    } catch (e) {
      connection.console.error(`TLS Lens: completion failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onCodeAction((params) => codeActions(params.textDocument.uri, params.context.diagnostics));

  documents.listen(connection);
  connection.listen();
}

// Transport from argv: --stdio, --node-ipc (VS Code), --socket=N; createConnection reads them.
startServer(createConnection(ProposedFeatures.all));
