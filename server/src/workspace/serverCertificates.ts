/**
 * The certificates an nginx server serves: its `ssl_certificate` references (nginx allows an RSA
 * and an ECDSA one), each resolved through the workspace index (beside the file, the workspace
 * root, `tlsLens.pathMappings`), leaf first. Used by the stapling rule and the predicted grade.
 */
import type { DocumentModel } from '../model/document';
import type { ServerBlock } from '../model/nginx';
import { refsOf } from '../products/refs';
import { Reference } from '../model/refs';
import type { CertificateFacts } from '../x509/certificate';
import type { WorkspaceView } from './view';
import type { Span } from '../core/types';

export interface ServedCertificate {
  readonly ref: Reference;
  readonly cert: CertificateFacts;
  readonly path: string;
  readonly span: Span;
}

/** Per model: each server's ssl_certificate references (one pass, not one per server: 20,000 servers). */
const byServer = new WeakMap<DocumentModel, Map<ServerBlock, Reference[]>>();

function certificateRefs(model: DocumentModel, server: ServerBlock): readonly Reference[] {
  let m = byServer.get(model);
  if (!m) {
    m = new Map();
    const servers = model.nginx?.servers ?? [];
    for (const ref of refsOf(model).references) {
      if (ref.role !== 'serve' || ref.via !== 'nginx ssl_certificate' || !ref.group.startsWith('server')) continue;
      const s = servers[Number(ref.group.slice('server'.length))];
      if (!s) continue;
      const list = m.get(s);
      if (list) list.push(ref);
      else m.set(s, [ref]);
    }
    byServer.set(model, m);
  }
  return m.get(server) ?? [];
}

/** A server's `ssl_certificate` references, each with its certificate when the workspace holds it. */
export function servedReferences(
  model: DocumentModel, server: ServerBlock, docPath: string, ws: WorkspaceView | undefined,
): { ref: Reference; leaf?: ServedCertificate }[] {
  return certificateRefs(model, server).map((ref) => {
    const leaf = ws?.resolve(ref, docPath)?.certs[0];
    return leaf ? { ref, leaf: { ref, cert: leaf.cert, path: leaf.path, span: leaf.span } } : { ref };
  });
}

export function serverCertificates(model: DocumentModel, server: ServerBlock, docPath: string, ws: WorkspaceView): ServedCertificate[] {
  const out: ServedCertificate[] = [];
  for (const ref of certificateRefs(model, server)) {
    const leaf = ws.resolve(ref, docPath)?.certs[0];
    if (leaf) out.push({ ref, cert: leaf.cert, path: leaf.path, span: leaf.span });
  }
  return out;
}
