/**
 * One language-server session: the connection, the open documents, settings, the local model
 * cache, the file policy (NodeHost) and the engine worker's client, shared by the handlers that
 * service/lifecycle.ts, service/requests.ts and service/commands.ts register.
 */
import { CodeLensRefreshRequest, type Connection, type TextDocuments, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from '../documents';
import { Engine, type EngineSettings, type Finding } from '../engine';
import { DEFAULTS } from '../defaults';
import { toDiagnostic } from '../features/diagnostics';
import { NodeHost } from '../host';
import type { DocumentModel } from '../model/document';
import { firstLineSpan } from '../model/spans';
import { SettingsStore } from '../settings';
import { LineIndex } from '../util/lineIndex';
import { EngineClient } from './engineClient';

/** Documents up to this size get local features at once; larger ones once the engine analysed them within budget. */
const LOCAL_MAX_CHARS = 512 * 1024;
export const DEFAULT_BUDGET_MS = DEFAULTS.analysisBudgetMs;

export interface Session {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: SettingsStore;
  readonly models: ModelCache;
  /** The main thread's engine: models for local features (hover, completion, symbols, code actions), no workspace. */
  readonly local: Engine;
  /** The main thread's reads follow the same policy as the worker's (roots, trust, mappings). */
  readonly host: NodeHost;
  readonly engine: EngineClient;
  /** What the client said at initialize it can do. */
  readonly client: { configurationChanges: boolean; progress: boolean; generates: boolean; codeLensRefresh: boolean };
  /** Hands a document version to the engine (after `delay` ms: typing is debounced). */
  send(doc: TextDocument, delay: number): Promise<void>;
  /** Runs a feature on the document's local model; a failure is logged, never thrown at the client. */
  feature<T>(name: string, uri: string, empty: T, fn: (doc: TextDocument, model: DocumentModel, s: EngineSettings) => T | Promise<T>): Promise<T>;
}

export function createSession(connection: Connection, documents: TextDocuments<TextDocument>, workerScript: string): Session {
  const settings = new SettingsStore(connection);
  const models = new ModelCache();
  const host = new NodeHost();
  const local = new Engine({ host, cache: models });
  const client = { configurationChanges: false, progress: false, generates: false, codeLensRefresh: false };
  let inventoryTimer: NodeJS.Timeout | undefined;
  let progress: WorkDoneProgressServerReporter | undefined;

  const engine = new EngineClient(workerScript, {
    diagnostics: (uri, version, diagnostics) => {
      const doc = documents.get(uri);
      if (!doc || (version !== undefined && doc.version !== version)) return; // a newer version is on its way
      void connection.sendDiagnostics({ uri, version, diagnostics });
    },
    progress: (phase, percent, message) => {
      if (phase === 'begin') {
        void connection.window.createWorkDoneProgress().then((p) => {
          progress = p;
          p.begin('TLS Lens: indexing certificates', 0, '', false);
        }, () => undefined);
      }
      else if (phase === 'report') progress?.report(percent ?? 0, message ?? '');
      else { progress?.done(); progress = undefined; }
    },
    log: (level, message) => (level === 'error' ? connection.console.error(message) : connection.console.info(message)),
    stopped: (job, budgetMs) => {
      if (job.kind === 'document') {
        const doc = documents.get(job.uri);
        if (!doc || doc.version !== job.version) return;
        const text = doc.getText();
        const stopped: Finding = {
          ruleId: 'core/analysis-limit',
          severity: 'information',
          span: firstLineSpan({ text }),
          message: `TLS Lens did not analyse all of this file: its analysis took longer than ${budgetMs} ms (tlsLens.analysisBudgetMs) and `
            + 'was stopped; other files are not affected. It is tried again when the file changes.',
        };
        void connection.sendDiagnostics({ uri: job.uri, version: job.version, diagnostics: [toDiagnostic(stopped, new LineIndex(text))] });
      }
      connection.console.error(
        `TLS Lens: ${job.kind === 'document' ? job.uri : job.kind === 'file' ? job.path : `request ${job.id}`} exceeded the ${budgetMs} ms `
          + 'budget and was stopped',
      );
    },
    // The inventory view and the CodeLens follow the workspace: told once things settle.
    inventoryChanged: (state) => {
      clearTimeout(inventoryTimer);
      inventoryTimer = setTimeout(() => {
        void connection.sendNotification('tlsLens/inventoryChanged', state);
        if (client.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      }, 300);
    },
  }, DEFAULT_BUDGET_MS);

  const source = (doc: TextDocument) => ({ uri: doc.uri, languageId: doc.languageId, text: doc.getText(), version: doc.version });
  /** The document's model for local features: no schema validation (the engine reports that). */
  const localModel = async (doc: TextDocument, s: EngineSettings): Promise<DocumentModel | undefined> => {
    if (engine.stoppedVersion(doc.uri, doc.version)) return undefined;
    if (doc.getText().length > LOCAL_MAX_CHARS && (await engine.settledOk(doc.uri, doc.version, engine.budgetMs)) !== true) return undefined;
    return local.model(source(doc), { settings: s, schemaProblems: false });
  };

  return {
    connection, documents, settings, models, local, host, engine, client,
    async send(doc, delay) {
      const s = await settings.get(doc.uri);
      if (documents.get(doc.uri)?.version !== doc.version) return;
      engine.document({ ...source(doc), settings: s }, delay);
    },
    feature(name, uri, empty, fn) {
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
    },
  };
}
