import type { DocumentModel, ModelOptions, SourceDocument } from './model/document';

/**
 * Parse cache keyed by uri + version (+ the options that shape a model: the size limit, which
 * decides whether a file is read, and the YAML and nginx settings): every feature asks the engine,
 * which asks here, so a document version is parsed once. A document without a version (a file
 * read from disk) is not kept. Evicted on close.
 */
export class ModelCache {
  private readonly entries = new Map<string, { version: number | undefined; key: string; model: DocumentModel }>();

  get(doc: SourceDocument, options: ModelOptions, build: () => DocumentModel): DocumentModel {
    if (doc.version === undefined) return build();
    const key = JSON.stringify([options.maxFileSizeKB, options.yaml, options.nginx, options.schemaProblems]);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit.model;
    const model = build();
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
