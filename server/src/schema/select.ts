/**
 * Which schema applies to a YAML document, and why: a modeline, the user's glob mapping, the
 * Kubernetes apiVersion + kind, or (for Helm values files) the product whose keys it holds. The
 * products are handed in (SchemaSource, by the engine from products/index.ts): this layer, below
 * the products, knows none of them.
 */
import type { CatalogEntry } from './catalog';
import { TemplateValue } from '../parse/yaml';
import { code } from '../util/markdown';
import { globToRegExp } from '../util/glob';

/** What schema selection is handed: the products' catalog and their recognisers. */
export interface SchemaSource {
  /** The catalog entry of a schema id (what a modeline or the setting names). */
  entry(id: string): CatalogEntry | undefined;
  /** A Kubernetes document's schema id, by apiVersion and kind, with the title of the product that owns it. */
  ofKind(apiVersion: string, kind: string): { readonly schema: string; readonly title: string } | undefined;
  /** The schema id of Helm values, by their content, with the product's title and the keys that told. */
  ofValues(json: Record<string, unknown>): { readonly schema: string; readonly title: string; readonly keys: readonly string[] } | undefined;
}

export interface SchemaChoice {
  /** A catalog entry, or a schema file named by a modeline or setting. */
  readonly entry?: CatalogEntry;
  readonly path?: string;
  readonly reason: string;
}

const MODELINE = /^#\s*tls-lens:\s*schema=(\S+)/m;

export function modeline(text: string): string | undefined {
  return MODELINE.exec(text)?.[1];
}

export function isValuesFile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^values(-[^/]*)?\.ya?ml$/.test(base) || /\.values\.ya?ml$/.test(base);
}

export interface SelectInput {
  readonly path: string;
  readonly text: string;
  readonly json: unknown;
  /** `tlsLens.yaml.schemas`: glob → catalog id or schema path. */
  readonly mappings: Readonly<Record<string, string>>;
}

export function selectSchema(input: SelectInput, source: SchemaSource): SchemaChoice | undefined {
  const named = (name: string, reason: string): SchemaChoice => {
    const entry = source.entry(name);
    return entry ? { entry, reason } : { path: name, reason };
  };
  const ml = modeline(input.text);
  // What the repository wrote goes in code spans it cannot close (a hover shows the reason as Markdown).
  if (ml) return named(ml, `the modeline ${code(`# tls-lens: schema=${ml}`)}`);
  const normalized = input.path.replace(/\\/g, '/');
  for (const [glob, name] of Object.entries(input.mappings)) {
    if (globToRegExp(glob).test(normalized)) return named(name, `the setting tlsLens.yaml.schemas maps ${code(glob)} to it`);
  }
  const json = input.json && typeof input.json === 'object' && !Array.isArray(input.json) && !(input.json instanceof TemplateValue)
    ? (input.json as Record<string, unknown>)
    : undefined;
  if (!json) return undefined;
  if (typeof json.apiVersion === 'string' && typeof json.kind === 'string') {
    const k = source.ofKind(json.apiVersion, json.kind);
    return k ? named(k.schema, `the document's apiVersion ${json.apiVersion}, kind ${json.kind} (${k.title})`) : undefined;
  }
  // Helm values by their content, whatever the file is called.
  const p = source.ofValues(json);
  if (p) return named(p.schema, `it holds ${p.title} values: ${p.keys.map((k) => `\`${k}\``).join(', ')}`);
  return undefined;
}
