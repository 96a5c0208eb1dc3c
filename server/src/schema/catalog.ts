/**
 * The JSON Schemas TLS Lens ships (schemas/), bundled into the server so that no file lookup is
 * needed: every one of them, by file (gathered at build time by scripts/compile-schemas.mjs), and
 * a catalog entry for the id a product module gives one of them. Which ids exist is the products'
 * business (products/index.ts hands the catalog to schema selection); this layer keeps no list.
 */
import shipped = require('./generated/schemas');

export interface CatalogEntry {
  /** What a modeline or the `tlsLens.yaml.schemas` setting names: `# tls-lens: schema=certctl`. */
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly schema: Record<string, unknown>;
}

/** Every schema TLS Lens ships, by its $id (cross-schema $refs resolve here). */
export const SHIPPED_BY_URI: ReadonlyMap<string, Record<string, unknown>> = new Map(Object.values(shipped).map((s) => [String(s.$id), s]));

/** The catalog entry for a schema file of schemas/, under the id a product gives it. */
export function catalogEntry(id: string, file: string): CatalogEntry {
  const schema = shipped[file];
  if (!schema) throw new Error(`schemas/${file} is not a schema TLS Lens ships`);
  return { id, file: `schemas/${file}`, title: String(schema.title), schema };
}
