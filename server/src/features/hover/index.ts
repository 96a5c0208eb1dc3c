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
import type { DocumentModel } from '../../model/document';
import type { ServerBlock } from '../../model/nginx';
import type { WorkspaceView } from '../../workspace/view';
import type { CertificateFacts } from '../../x509/certificate';
import type { LineIndex, Position } from '../../util/lineIndex';
import { nginxHover } from './nginx';
import { pemHover } from './pem';
import { referenceHover } from './references';
import { yamlHover } from './yaml';

export interface HoverContext {
  readonly model: DocumentModel;
  readonly position: Position;
  readonly lines: LineIndex;
  readonly now: Date;
  /** The workspace index and this document's path in it; absent outside the engine worker. */
  readonly workspace?: {
    readonly view: WorkspaceView;
    readonly path: string;
    /** The certificate a server block's ssl_certificate resolves to. */
    serverCertificate(server: ServerBlock): { cert: CertificateFacts; path: string } | undefined;
  };
}

export type HoverProvider = (ctx: HoverContext) => Hover | null;

export const HOVER_PROVIDERS: readonly HoverProvider[] = [pemHover, referenceHover, yamlHover, nginxHover];

export function hoverAt(ctx: HoverContext): Hover | null {
  for (const provide of HOVER_PROVIDERS) {
    const h = provide(ctx);
    if (h) return h;
  }
  return null;
}
