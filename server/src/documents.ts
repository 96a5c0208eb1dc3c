import { buildModel, DocumentModel, ModelOptions, SourceDocument } from './model/document';

/**
 * Parse cache keyed by uri + version (+ the size limit, which decides whether a file is read):
 * every feature asks here, so a document version is parsed once. Evicted on close.
 */
export class ModelCache {
  private readonly entries = new Map<string, { version: number | undefined; key: string; model: DocumentModel }>();

  get(doc: SourceDocument, options: ModelOptions): DocumentModel {
    const key = JSON.stringify([options.maxFileSizeKB, options.yaml, options.nginx, options.schemaProblems]);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key && doc.version !== undefined) return hit.model;
    const model = buildModel(doc, options);
    this.entries.set(doc.uri, { version: doc.version, key, model });
    return model;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
