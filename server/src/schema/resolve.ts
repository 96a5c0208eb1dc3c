/**
 * The subschemas that apply at a path of a document, for hover and completion: follows $ref
 * (within a schema and across the catalog), properties, patternProperties, additionalProperties,
 * items, allOf/anyOf/oneOf and if/then.
 */
import { SHIPPED_BY_URI } from './catalog';
import type { PathSegment } from '../parse/yaml';

export type Schema = Record<string, unknown>;

function deref(s: Schema, root: Schema, depth = 0): { schema: Schema; root: Schema } {
  const ref = s.$ref;
  if (typeof ref !== 'string' || depth > 20) return { schema: s, root };
  const [base, fragment] = ref.split('#');
  let target = root;
  if (base) {
    const shipped = SHIPPED_BY_URI.get(base);
    if (!shipped) return { schema: s, root };
    target = shipped;
  }
  let cur: unknown = target;
  for (const part of (fragment ?? '').split('/').filter(Boolean)) {
    cur = (cur as Schema | undefined)?.[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (!cur || typeof cur !== 'object') return { schema: s, root };
  // Sibling keywords (description, default) of a $ref win over the target's.
  const { $ref: _ignored, ...siblings } = s;
  void _ignored;
  const resolved = deref(cur as Schema, target, depth + 1);
  return { schema: { ...resolved.schema, ...siblings }, root: resolved.root };
}

/** Flattens a schema into the alternatives it allows (allOf merged, anyOf/oneOf split). */
function alternatives(s: Schema, root: Schema): { schema: Schema; root: Schema }[] {
  const d = deref(s, root);
  const out: { schema: Schema; root: Schema }[] = [d];
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = d.schema[k];
    if (Array.isArray(list)) for (const sub of list) out.push(...alternatives(sub as Schema, d.root));
  }
  if (d.schema.then && typeof d.schema.then === 'object') out.push(...alternatives(d.schema.then as Schema, d.root));
  return out;
}

export function schemasAt(root: Schema, path: readonly PathSegment[]): { schema: Schema; root: Schema }[] {
  let current = alternatives(root, root);
  for (const seg of path) {
    const next: { schema: Schema; root: Schema }[] = [];
    for (const { schema, root: r } of current) {
      if (typeof seg === 'number' || (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')))) {
        if (schema.items && typeof schema.items === 'object' && typeof seg === 'number') next.push(...alternatives(schema.items as Schema, r));
      }
      if (typeof seg !== 'string') continue;
      const props = schema.properties as Record<string, Schema> | undefined;
      if (props && props[seg]) { next.push(...alternatives(props[seg], r)); continue; }
      const pattern = schema.patternProperties as Record<string, Schema> | undefined;
      let matched = false;
      for (const [re, sub] of Object.entries(pattern ?? {})) if (new RegExp(re).test(seg)) { next.push(...alternatives(sub, r)); matched = true; }
      if (!matched && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        next.push(...alternatives(schema.additionalProperties as Schema, r));
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** Known keys at a mapping path, with their (first) schema. */
export function propertiesAt(root: Schema, path: readonly PathSegment[]): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const { schema, root: r } of schemasAt(root, path)) {
    for (const [k, v] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      if (!out.has(k)) out.set(k, deref(v, r).schema);
    }
  }
  return out;
}

/** Merges what the alternatives at a path say (description, type, enum, default, source). */
export function describe(
  root: Schema, path: readonly PathSegment[],
): { description?: string; types: string[]; enums: unknown[]; default?: unknown; source?: string; format?: string } | undefined {
  const all = schemasAt(root, path);
  if (all.length === 0) return undefined;
  const types = new Set<string>();
  const enums: unknown[] = [];
  let description: string | undefined;
  let def: unknown;
  let source: string | undefined;
  let format: string | undefined;
  for (const { schema } of all) {
    description ??= (schema.markdownDescription as string | undefined) ?? (schema.description as string | undefined);
    if (typeof schema.type === 'string') types.add(schema.type);
    if (Array.isArray(schema.type)) schema.type.forEach((t) => types.add(String(t)));
    if (Array.isArray(schema.enum)) for (const v of schema.enum) if (!enums.includes(v)) enums.push(v);
    if (schema.const !== undefined && !enums.includes(schema.const)) enums.push(schema.const);
    if (def === undefined && schema.default !== undefined) def = schema.default;
    source ??= schema['x-source'] as string | undefined;
    format ??= schema.format as string | undefined;
  }
  if (!source) {
    // The nearest ancestor that names its source.
    for (let i = path.length - 1; i >= 0 && !source; i--) {
      for (const { schema } of schemasAt(root, path.slice(0, i))) source ??= schema['x-source'] as string | undefined;
    }
  }
  return { description, types: [...types], enums, default: def, source, format };
}
