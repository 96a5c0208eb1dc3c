/**
 * Completion: one entry point, a provider per language (YAML: schema keys and values; nginx:
 * directives and their values). PEM files offer none.
 */
import type { CompletionItem } from 'vscode-languageserver-types';
import type { CompletionContext } from './context';
import { nginxCompletion } from './nginx';
import { yamlCompletion } from './yaml';

export type CompletionProvider = (ctx: CompletionContext) => CompletionItem[];

const PROVIDERS: Readonly<Record<string, CompletionProvider>> = { yaml: yamlCompletion, nginx: nginxCompletion };

export function completionAt(ctx: CompletionContext): CompletionItem[] {
  return PROVIDERS[ctx.model.languageId]?.(ctx) ?? [];
}
