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
import { documentSymbols } from './features/symbols';
import { SettingsStore } from './settings';
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

  const source = (doc: TextDocument) => ({ uri: doc.uri, languageId: doc.languageId, text: doc.getText(), version: doc.version });
  const modelOf = (doc: TextDocument, s: EngineSettings): DocumentModel => models.get(source(doc), { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, nginx: s.nginx, host: nodeHost });

  async function validate(doc: TextDocument): Promise<void> {
    try {
      const s = await settings.get(doc.uri);
      if (documents.get(doc.uri)?.version !== doc.version) return; // a newer version is on its way
      const model = modelOf(doc, s);
      const findings = runRules(model, s, now());
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(findings, new LineIndex(model.text)) });
    } catch (e) {
      connection.console.error(`TLS Lens: validating ${doc.uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(pending.get(doc.uri)?.timer);
    const timer = setTimeout(() => { pending.delete(doc.uri); void validate(doc); }, delay);
    pending.set(doc.uri, { timer, version: doc.version });
  }

  connection.onInitialize((params) => {
    const caps = params.capabilities;
    settings.setCanPull(!!caps.workspace?.configuration);
    configurationChanges = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'tls-lens', version: process.env.TLS_LENS_VERSION ?? '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tlsLens' });
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const doc of documents.all()) schedule(doc, 0);
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
      const index = new LineIndex(model.text);
      return hover(model, params.position, now(), index)
        ?? (model.yaml ? yamlHover(model, params.position, index) : null)
        ?? (model.nginx ? nginxHover(model, params.position, index, uriToPath(doc.uri), nodeHost, now()) : null);
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
      const index = new LineIndex(model.text);
      let fallback;
      const offset = index.offsetAt(params.position);
      const current = model.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end);
      if (!current?.schema) {
        // Half-typed YAML may not parse: choose the schema from the text without the line being typed.
        const lines = model.text.split('\n');
        lines[params.position.line] = '';
        const probe = buildModel({ uri: doc.uri, languageId: 'yaml', text: lines.join('\n') }, { maxFileSizeKB: s.maxFileSizeKB, yaml: s.yaml, host: nodeHost });
        fallback = probe.yaml?.documents.find((d) => offset >= d.span.start && offset <= d.span.end + 1)?.schema?.entry?.schema;
      }
      return yamlCompletion(model, params.position, index, fallback);
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
