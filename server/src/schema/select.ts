/**
 * Which schema applies to a YAML document, and why: a modeline, the user's glob mapping, the
 * Kubernetes apiVersion + kind, or (for Helm values files) the product whose keys it holds.
 */
import { CATALOG_BY_ID, CatalogEntry } from './catalog';
import { productOfKind, productOfValues } from '../products';
import { obj } from '../products/json';
import { code } from '../util/markdown';
import { globToRegExp } from '../util/glob';

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

function named(name: string, reason: string): SchemaChoice {
  const entry = CATALOG_BY_ID.get(name);
  return entry ? { entry, reason } : { path: name, reason };
}

export function selectSchema(input: SelectInput): SchemaChoice | undefined {
  const ml = modeline(input.text);
  // What the repository wrote goes in code spans it cannot close (a hover shows the reason as Markdown).
  if (ml) return named(ml, `the modeline ${code(`# tls-lens: schema=${ml}`)}`);
  const normalized = input.path.replace(/\\/g, '/');
  for (const [glob, name] of Object.entries(input.mappings)) {
    if (globToRegExp(glob).test(normalized)) return named(name, `the setting tlsLens.yaml.schemas maps ${code(glob)} to it`);
  }
  const json = obj(input.json);
  if (!json) return undefined;
  if (typeof json.apiVersion === 'string' && typeof json.kind === 'string') {
    const k = productOfKind(json.apiVersion, json.kind);
    return k ? named(k.schema, `the document's apiVersion ${json.apiVersion}, kind ${json.kind} (${k.product.title})`) : undefined;
  }
  // Helm values by their content, whatever the file is called.
  const p = productOfValues(json);
  if (p) return named(p.schema, `it holds ${p.product.title} values: ${p.keys.map((k) => `\`${k}\``).join(', ')}`);
  return undefined;
}
