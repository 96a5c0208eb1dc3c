import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { COMMANDS } from './commands';
import { CertificateDetails, Inventory } from './inventory';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx }> {
  ctx = new Ctx(context);
  ctx.inventory = new Inventory(ctx, context);
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(CertificateDetails.scheme, new CertificateDetails(ctx)));
  // tlsLens.codeLens.enabled changed: the lenses are asked again.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('tlsLens.codeLens.enabled')) return;
    const feature = ctx?.languageClient?.getFeature('textDocument/codeLens');
    for (const editor of vscode.window.visibleTextEditors) feature?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
  }));
  context.subscriptions.push(...COMMANDS.map((c) => vscode.commands.registerCommand(c.id, c.run(ctx!))));
  // Start without awaiting the first handshake: activation must not block the extension host.
  ctx.start().catch((e) => ctx?.output.appendLine(`TLS Lens server failed to start: ${(e as Error).message}`));
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
