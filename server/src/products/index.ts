/**
 * The products TLS Lens knows, one module each. Adding a product means adding a module here and
 * its fixtures; recognition, schemas, references and constraints all come from the module, and
 * every list of products (the schema catalog, the rules, the bundles, help texts) derives from
 * PRODUCTS.
 */
import type { Product, ProductDocument } from './types';
import { obj, Json } from './json';
import type { DocumentModel } from '../model/document';
import { catalogEntry, CatalogEntry } from '../schema/catalog';
import type { SchemaSource } from '../schema/select';
import { kubernetes } from './kubernetes';
import { certManager } from './cert-manager';
import { spinnaker } from './spinnaker';
import { openchoreo } from './openchoreo';
import { opschain } from './opschain';
import { certctl } from './certctl';
import { helmIngress } from './helm-ingress';
import { gatewayApi } from './gateway-api';
import { helmfile } from './helmfile';
import { argocd } from './argocd';
import { flux } from './flux';
import { kustomize } from './kustomize';

/** In the order values files are tried: the generic Helm ingress convention last. */
export const PRODUCTS: readonly Product[] = [
  opschain, openchoreo, certctl, spinnaker, certManager, kubernetes, gatewayApi, helmfile, argocd, flux, kustomize, helmIngress,
];

export const PRODUCTS_BY_ID: ReadonlyMap<string, Product> = new Map(PRODUCTS.map((p) => [p.id, p]));

/** The schema catalog: every product's schemas, by the id a modeline or `tlsLens.yaml.schemas` names. */
export const CATALOG: readonly CatalogEntry[] = PRODUCTS.flatMap((p) => Object.entries(p.schemas).map(([id, file]) => catalogEntry(id, file)));

const CATALOG_BY_ID: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.id, e]));

/** The product and schema of a Kubernetes document, by apiVersion and kind. */
export function productOfKind(apiVersion: string, kind: string): { product: Product; schema?: string } | undefined {
  for (const product of PRODUCTS) {
    for (const k of product.kinds ?? []) if (k.apiVersion.test(apiVersion) && k.kinds.includes(kind)) return { product, schema: k.schema };
  }
  return undefined;
}

/** The product whose values a document holds, with the keys that told (never for a Kubernetes object). */
/** Top-level keys of formats that are never Helm values (a GitHub workflow, docker-compose, OpenAPI, GitLab CI, …). */
const OTHER_FORMATS: readonly (readonly string[])[] = [
  ['jobs', 'on'], ['services'], ['openapi'], ['swagger'], ['stages'], ['include', 'stages'], ['steps'], ['pipeline'], ['hosts', 'tasks'],
];

export function productOfValues(json: Json): { product: Product; schema: string; keys: string[] } | undefined {
  if (typeof json.apiVersion === 'string' && typeof json.kind === 'string') return undefined;
  if (OTHER_FORMATS.some((keys) => keys.every((k) => json[k] !== undefined))) return undefined;
  for (const product of PRODUCTS) {
    const keys = product.values?.recognise(json);
    if (keys && product.values) return { product, schema: product.values.schema, keys };
  }
  return undefined;
}

/** The product that owns a schema id (a kind's or a values file's). */
export function productOfSchema(schema: string | undefined): Product | undefined {
  if (!schema) return undefined;
  return PRODUCTS.find((p) => p.values?.schema === schema || p.kinds?.some((k) => k.schema === schema));
}

/**
 * The YAML documents of a model with the product that owns each: a Kubernetes object's by its
 * kind, a values file's by its schema or its content (undefined when none does).
 */
export function ownedDocuments(model: DocumentModel): { pd: ProductDocument; product?: Product }[] {
  const out: { pd: ProductDocument; product?: Product }[] = [];
  const base = model.uri.split(/[\\/]/).pop() ?? '';
  const byFile = PRODUCTS.find((p) => p.files?.includes(base));
  for (const [index, d] of (model.yaml?.documents ?? []).entries()) {
    const json = obj(d.json);
    if (!json) continue;
    const pd: ProductDocument = { json, doc: d.doc, index, schema: d.schema?.entry?.id };
    if (byFile && typeof json.kind !== 'string') { out.push({ pd, product: byFile }); continue; }
    if (typeof json.apiVersion === 'string' && typeof json.kind === 'string') out.push({ pd, product: productOfKind(json.apiVersion, json.kind)?.product });
    else if (typeof json.kind === 'string') out.push({ pd });
    else out.push({ pd, product: productOfSchema(pd.schema) ?? productOfValues(json)?.product });
  }
  return out;
}

/** The documents of one product in a model. */
export function productDocuments(model: DocumentModel, product: Product): ProductDocument[] {
  return ownedDocuments(model).filter((o) => o.product === product).map((o) => o.pd);
}

/** What the engine hands schema selection (and so the model): the catalog and the products' recognisers. */
export const SCHEMA_SOURCE: SchemaSource = {
  entry: (id) => CATALOG_BY_ID.get(id),
  ofKind(apiVersion, kind) {
    const k = productOfKind(apiVersion, kind);
    return k?.schema !== undefined ? { schema: k.schema, title: k.product.title } : undefined;
  },
  ofValues(json) {
    const v = productOfValues(json);
    return v && { schema: v.schema, title: v.product.title, keys: v.keys };
  },
};
