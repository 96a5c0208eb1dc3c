import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import type { Inventory } from './inventory';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'pem' },
  { scheme: 'untitled', language: 'pem' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'nginx' },
  { scheme: 'untitled', language: 'nginx' },
];

/** The language client's lifecycle: start, restart, stop; the output channel and a status item. */
export class Ctx {
  private client: LanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  /** Fires when a language client has started (again, after a restart). */
  readonly onDidStart = this.started.event;
  /** The TLS Certificates view (set at activation). */
  inventory: Inventory | undefined;
  /** The list Explain a TLS Error shows, while it shows (tests drive it). */
  explainList: vscode.QuickPick<vscode.QuickPickItem> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('TLS Lens', { log: true });
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 0);
    this.status.name = 'TLS Lens';
    this.status.command = 'tlsLens.showOutput';
    context.subscriptions.push(this.output, this.status, this.started);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      // In Restricted Mode the server reads nothing outside the workspace and compiles no workspace schema.
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, generateCommand: true },
      synchronize: {
        configurationSection: 'tlsLens',
        // File events keep the server's workspace index current without rescanning.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{pem,crt,cer,key,csr,ca-bundle,yaml,yml,conf,p12,pfx,jks,keystore,truststore}'),
      },
      middleware: {
        // tlsLens.codeLens.enabled: false hides the lenses (the server still computes nothing until asked).
        provideCodeLenses: (document, token, next) => (
          vscode.workspace.getConfiguration('tlsLens', document).get<boolean>('codeLens.enabled', true) ? next(document, token) : []
        ),
      },
    };
    const client = new LanguageClient('tlsLens', 'TLS Lens', serverOptions, clientOptions);
    if (!vscode.workspace.isTrusted) {
      this.context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client === client && client.isRunning()) void client.sendNotification('tlsLens/workspaceTrust', { trusted: true });
      }));
    }
    client.onDidChangeState((e) => this.showState(e.newState));
    this.client = client;
    this.showState(State.Starting);
    await client.start();
    this.started.fire(client);
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c && c.needsStop()) await c.stop();
  }

  async restart(): Promise<void> {
    this.output.appendLine('Restarting the TLS Lens language server.');
    await this.stop();
    await this.start();
  }

  private showState(state: State): void {
    const running = state === State.Running;
    const starting = state === State.Starting;
    this.status.text = running ? '$(shield) TLS Lens' : starting ? '$(sync~spin) TLS Lens' : '$(error) TLS Lens';
    this.status.tooltip = running || starting ? 'TLS Lens: show output' : 'TLS Lens server stopped: click for the output';
    this.status.show();
  }
}
