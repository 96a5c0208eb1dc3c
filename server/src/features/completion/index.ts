/**
 * Completion: one entry point, a provider per language (YAML: schema keys and values; nginx:
 * directives and their values). PEM files offer none.
 */
import type { CompletionItem } from 'vscode-languageserver-types';
import type { DocumentModel } from '../../model/document';
import type { Schema } from '../../schema/resolve';
import type { LineIndex, Position } from '../../util/lineIndex';
import { nginxCompletion } from './nginx';
import { yamlCompletion } from './yaml';

export interface CompletionContext {
  readonly model: DocumentModel;
  readonly position: Position;
  readonly lines: LineIndex;
  /** YAML: the schema to offer keys from when the document does not parse with the cursor's line in it. */
  readonly fallbackSchema?: Schema;
}

export type CompletionProvider = (ctx: CompletionContext) => CompletionItem[];

const PROVIDERS: Readonly<Record<string, CompletionProvider>> = { yaml: yamlCompletion, nginx: nginxCompletion };

export function completionAt(ctx: CompletionContext): CompletionItem[] {
  return PROVIDERS[ctx.model.languageId]?.(ctx) ?? [];
}
