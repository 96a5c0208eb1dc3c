import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { COMMANDS } from './commands';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx }> {
  ctx = new Ctx(context);
  context.subscriptions.push(...COMMANDS.map((c) => vscode.commands.registerCommand(c.id, c.run(ctx!))));
  // Start without awaiting the first handshake: activation must not block the extension host.
  ctx.start().catch((e) => ctx?.output.appendLine(`TLS Lens server failed to start: ${(e as Error).message}`));
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
