/**
 * The language server. The main thread speaks LSP and answers the features that need only the
 * document itself (hover on a block, a key or a directive; completion; symbols; quick fixes); the
 * engine worker (service/engineWorker.ts) holds the models, the workspace index and the rules, and
 * answers what needs the workspace (diagnostics, hover on a reference, go to definition). A
 * document whose analysis exceeds the time budget cannot stall the requests of the others.
 * The session's handlers: service/lifecycle.ts, service/requests.ts, service/commands.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures, TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCommands } from './service/commands';
import { runEngineWorker } from './service/engineWorker';
import { registerLifecycle } from './service/lifecycle';
import { registerRequests } from './service/requests';
import { createSession } from './service/session';

export { DEFAULT_BUDGET_MS } from './service/session';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = createSession(connection, documents, workerScript());
  const commands = registerCommands(session);
  registerLifecycle(session, commands);
  registerRequests(session);
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
