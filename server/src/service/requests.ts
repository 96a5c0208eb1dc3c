/**
 * The requests the main thread answers: hover (asked of the engine worker first, which has the
 * workspace index), go to definition (the worker), symbols, completion, code actions and the
 * generate prefill (the document's local model). Features present; they do not compute.
 */
import type { CodeLens, Hover, Location } from 'vscode-languageserver-types';
import { codeActions, GENERATE_FROM_DIAGNOSTIC } from '../features/codeActions';
import { prefill, SERVER_GENERATE } from '../features/commands';
import { completionAt } from '../features/completion/index';
import { hoverAt } from '../features/hover/index';
import { documentSymbols } from '../features/symbols';
import { refsOf } from '../products/refs';
import { schemaWithoutLine } from '../model/schemaProbe';
import type { DocumentModel, SourceDocument } from '../model/document';
import { ownedDocuments } from '../products';
import { BUNDLES } from '../products/bundles';
import { LineIndex, Position } from '../util/lineIndex';
import { now } from './clock';
import { EXPLAIN_MAX_INPUT } from '../explain/explain';
import type { Session } from './session';

export function registerRequests(s: Session): void {
  const { connection, documents, host, engine, local, client } = s;

  // The engine worker answers with the workspace index; without it (a newer version on its way,
  // a document stopped at the budget) the same providers answer here, minus the cross-file ones.
  connection.onHover((params) => s.feature<Hover | null>('hover', params.textDocument.uri, null, async (doc, model) => {
    const answered = await engine.request<{ hover: Hover | null }>('hover', { uri: doc.uri, version: doc.version, position: params.position });
    return answered ? answered.hover : hoverAt({ model, position: params.position, lines: new LineIndex(model.text), now: now() });
  }));

  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return engine.request<Location>('definition', { uri: doc.uri, version: doc.version, position: params.position });
  });

  // CodeLens and the inventory need the workspace index: the engine worker answers them.
  connection.onCodeLens(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return (await engine.request<CodeLens[]>('codeLens', { uri: doc.uri, version: doc.version })) ?? [];
  });
  connection.onRequest('tlsLens/inventory', (p: { expiringDays?: number } | undefined) => engine.request('inventory', { expiringDays: p?.expiringDays }));
  // An error message explained among the workspace's findings (`tls-lens explain`'s engine and ranking): the worker has the index.
  connection.onRequest('tlsLens/explain', (p: { message?: unknown } | undefined) => (
    typeof p?.message === 'string' ? engine.request('explain', { message: p.message.slice(0, EXPLAIN_MAX_INPUT + 1) }) : null
  ));
  connection.onRequest('tlsLens/certificate', (p: { sha256: string; what: 'pem' | 'details'; expiringDays?: number }) => engine.request('certificate', p));

  connection.onDocumentSymbol((params) => s.feature('symbols', params.textDocument.uri, [], (_doc, model) => {
    return documentSymbols(model, new LineIndex(model.text));
  }));

  connection.onCompletion((params) => s.feature('completion', params.textDocument.uri, [], (_doc, model, s) => {
    const lines = new LineIndex(model.text);
    const probe = (d: SourceDocument) => local.model(d, { settings: s, schemaProblems: false });
    const fallbackSchema = model.yaml ? schemaWithoutLine(model, params.position.line, lines.offsetAt(params.position), probe) : undefined;
    return completionAt({ model, position: params.position, lines, fallbackSchema });
  }));

  connection.onCodeAction((params) => codeActions(params.textDocument.uri, params.context.diagnostics, host.trusted
    ? (fix) => (client.generates
      ? { title: fix.title, command: GENERATE_FROM_DIAGNOSTIC, arguments: [fix] }
      : { title: fix.title, command: SERVER_GENERATE, arguments: [{ kind: 'fix', fix, apply: true }] })
    : undefined));

  // The bundles `generate bundle` makes, for the client's product pick: the products are the server's.
  connection.onRequest('tlsLens/bundles', () => BUNDLES.map((b) => ({ id: b.id, title: b.title, description: b.description })));
  connection.onRequest('tlsLens/generatePrefill', (p: { uri: string; position: Position }) => s.feature('prefill', p.uri, null, (_doc, model) => {
    const bundleOf = (m: DocumentModel) => ownedDocuments(m).map((o) => o.product).find((x) => x?.bundle)?.id ?? (m.nginx ? 'nginx' : undefined);
    return prefill(model, new LineIndex(model.text).offsetAt(p.position), refsOf, bundleOf);
  }));
}
