import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export function restartServer(ctx: Ctx): () => Promise<void> {
  return async () => {
    try {
      await ctx.restart();
    } catch (e) {
      void vscode.window.showErrorMessage(`TLS Lens: the server did not restart: ${(e as Error).message}`);
    }
  };
}
