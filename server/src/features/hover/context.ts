/** What a hover provider is given: the document's model, the cursor, and (in the engine worker) the workspace index. */
import type { DocumentModel } from '../../model/document';
import type { ServerBlock } from '../../model/nginx';
import type { WorkspaceView } from '../../workspace/view';
import type { CertificateFacts } from '../../x509/certificate';
import type { LineIndex, Position } from '../../util/lineIndex';

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
