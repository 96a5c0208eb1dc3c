/**
 * Every command the extension registers, in one table: adding one is a row here, its handler,
 * and its `contributes.commands` entry (a test checks the table against the manifest).
 */
import type { Ctx } from '../ctx';
import { GENERATE_COMMANDS, generateCommand, generateFromDiagnostic } from './generate';
import { explainError } from './explain';
import { restartServer } from './restartServer';
import { showOutput } from './showOutput';
import { INVENTORY_COMMANDS } from '../inventory';

export const COMMANDS: readonly { id: string; run: (ctx: Ctx) => (...args: never[]) => unknown }[] = [
  { id: 'tlsLens.restartServer', run: restartServer },
  { id: 'tlsLens.showOutput', run: showOutput },
  ...GENERATE_COMMANDS.map((c) => ({ id: c.id, run: (ctx: Ctx) => generateCommand(ctx, c.kind) })),
  { id: 'tlsLens.generateFromDiagnostic', run: generateFromDiagnostic },
  { id: 'tlsLens.explainError', run: (ctx: Ctx) => explainError(ctx) },
  { id: 'tlsLens.explainTerminalSelection', run: (ctx: Ctx) => explainError(ctx, true) },
  ...INVENTORY_COMMANDS,
];
