import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { DIST, ROOT } from './paths';
import { FIXTURE_NOW } from './clock';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  codeDescription?: { href: string };
  message: string;
  source: string;
}

/** An LSP client over stdio to `node dist/server.js --stdio`, answering workspace/configuration from `settings`. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  settings: Record<string, unknown> = {};
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';

  constructor(env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, [path.join(DIST, 'server.js'), '--stdio'], {
      env: { ...process.env, TLS_LENS_NOW: FIXTURE_NOW.toISOString(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p.diagnostics)) { w.resolve(p.diagnostics); return false; }
        return true;
      });
    });
    this.conn.listen();
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await this.conn.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Initializes with one workspace folder; `trusted: false` is VS Code's Restricted Mode. */
  async initializeWorkspace(root: string, options: { trusted?: boolean } = {}): Promise<void> {
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      initializationOptions: { workspaceTrusted: options.trusted !== false },
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves with the next publishDiagnostics for `uri` that satisfies `pred` (or the current one). Event-driven, no sleeps. */
  diagnosticsFor(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 15000): Promise<Diagnostic[]> {
    const now = this.diagnostics.get(uri);
    if (now && pred(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => { clearTimeout(t); resolve(d); } });
    });
  }

  /** Forgets what was published, so the next wait sees only new publications. */
  reset(uri: string): void {
    this.diagnostics.delete(uri);
  }

  hover(uri: string, line: number, character: number): Promise<{ contents: { kind: string; value: string }; range?: unknown } | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  symbols(uri: string): Promise<{ name: string; detail: string; kind: number; range: Diagnostic['range'] }[]> {
    return this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  completion(uri: string, line: number, character: number): Promise<{ label: string; documentation?: unknown }[] | { items: { label: string }[] }> {
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<{ title: string; kind: string; edit?: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> } }[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  async shutdown(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } finally {
      this.conn.dispose();
      this.proc.kill();
    }
  }
}
