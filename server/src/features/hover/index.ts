/**
 * Hover: one entry point, a provider per kind of content, asked in order until one answers.
 * - pem: a PEM block in any document (certificates, keys, CSRs, with their relations in the file);
 * - references: a reference or Secret data, resolved by the workspace index;
 * - yaml: the schema that applies, a key's documentation;
 * - nginx: a directive's documentation, a server block's predicted grade.
 * Providers that need the workspace index answer only where it lives (the engine worker); the
 * language server's main thread asks without it when the worker cannot answer (a newer version
 * on its way, a document stopped at the budget).
 */
import type { Hover } from 'vscode-languageserver-types';
import type { HoverContext } from './context';
import { nginxHover } from './nginx';
import { pemHover } from './pem';
import { referenceHover } from './references';
import { yamlHover } from './yaml';

export type HoverProvider = (ctx: HoverContext) => Hover | null;

export const HOVER_PROVIDERS: readonly HoverProvider[] = [pemHover, referenceHover, yamlHover, nginxHover];

export function hoverAt(ctx: HoverContext): Hover | null {
  for (const provide of HOVER_PROVIDERS) {
    const h = provide(ctx);
    if (h) return h;
  }
  return null;
}
