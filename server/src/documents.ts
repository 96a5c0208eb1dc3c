import { buildModel, DocumentModel, SourceDocument } from './model/document';

/**
 * Parse cache keyed by uri + version (+ the size limit, which decides whether a file is read):
 * every feature asks here, so a document version is parsed once. Evicted on close.
 */
export class ModelCache {
  private readonly entries = new Map<string, { version: number | undefined; limit: number; model: DocumentModel }>();

  get(doc: SourceDocument, maxFileSizeKB: number): DocumentModel {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.limit === maxFileSizeKB && doc.version !== undefined) return hit.model;
    const model = buildModel(doc, { maxFileSizeKB });
    this.entries.set(doc.uri, { version: doc.version, limit: maxFileSizeKB, model });
    return model;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }
}
