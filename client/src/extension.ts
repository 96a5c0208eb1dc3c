import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { restartServer } from './commands/restartServer';
import { showOutput } from './commands/showOutput';
import { GENERATE_COMMANDS, generateCommand, generateFromDiagnostic } from './commands/generate';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx }> {
  ctx = new Ctx(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('tlsLens.restartServer', restartServer(ctx)),
    vscode.commands.registerCommand('tlsLens.showOutput', showOutput(ctx)),
    ...GENERATE_COMMANDS.map((c) => vscode.commands.registerCommand(c.id, generateCommand(ctx!, c.kind))),
    vscode.commands.registerCommand('tlsLens.generateFromDiagnostic', generateFromDiagnostic(ctx)),
  );
  // Start without awaiting the first handshake: activation must not block the extension host.
  ctx.start().catch((e) => ctx?.output.appendLine(`TLS Lens server failed to start: ${(e as Error).message}`));
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
