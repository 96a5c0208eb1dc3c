/**
 * What the Kubernetes API server checks of a custom resource beyond its OpenAPI schema, for the
 * CRD-derived schemas TLS Lens ships (schemas/gateway-api-*): the CRD's validation rules
 * (`x-kubernetes-validations`, CEL expressions evaluated with @bufbuild/cel and the few Kubernetes
 * extension functions those rules call) and the uniqueness of list-map keys and set items
 * (`x-kubernetes-list-type`). Each failure is a problem on the field the rule sits on (or its
 * `fieldPath`), with the CRD's own message: what the API server would say, where it applies.
 *
 * As the API server does: defaults are applied before the rules run, transition rules (those that
 * read `oldSelf`) are skipped (there is no old object), and a rule that cannot be evaluated (a
 * missing field read without `has`) rejects the object. Unlike it: a rule whose value holds a
 * template action (`{{ .Values.host }}`) is not judged (what it will hold is unknown), nor one
 * whose value holds a list longer than the schema's maxItems (the schema already says so, and the
 * cost of a rule over such a list is unbounded).
 */
import type { Document } from 'yaml';
import { holdsTemplateAction, locate, PathSegment } from '../parse/yaml';
import type { Span } from '../core/types';
import type { SchemaProblem } from './problems';

type SchemaNode = Record<string, unknown>;
interface ValidationRule { readonly rule: string; readonly message?: string; readonly fieldPath?: string; readonly reason?: string }

/** Rule evaluations per document at most (a hostile document cannot make the check run long). */
const MAX_EVALUATIONS = 5000;


type Library = ReturnType<typeof import('./celLibrary').celLibrary>;
let loaded: Library | undefined;

/**
 * The CEL evaluator with Kubernetes' libraries, loaded on the first rule evaluated: a workspace
 * without CRD-derived documents never pays for it (esbuild makes it a file of its own, dist/cel.js).
 */
function library(): Library {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('./celLibrary') as typeof import('./celLibrary')).celLibrary();
  return loaded;
}

type Program = (bindings: { self: unknown }) => unknown;
const programs = new Map<string, Program | Error>();

function program(rule: string): Program | Error {
  let p = programs.get(rule);
  if (!p) {
    try {
      const { env, plan, parse } = library();
      p = plan(env, parse(rule)) as unknown as Program;
    } catch (e) {
      p = e instanceof Error ? e : new Error(String(e));
    }
    programs.set(rule, p);
  }
  return p;
}

/** CEL's reserved words, which Kubernetes escapes as `__word__` when a property is named so. */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A property name as a CEL rule spells it (Kubernetes' escaping). */
export function celName(name: string): string {
  if (RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function child(schema: SchemaNode, key: PathSegment): SchemaNode | undefined {
  if (typeof key === 'number') return isObject(schema.items) ? (schema.items as SchemaNode) : undefined;
  const props = schema.properties as Record<string, SchemaNode> | undefined;
  if (props?.[key]) return props[key];
  return isObject(schema.additionalProperties) ? (schema.additionalProperties as SchemaNode) : undefined;
}

/** The value with the schema's defaults filled in, as the API server stores it before validating. */
export function withDefaults(schema: SchemaNode, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (isObject(schema.items) ? withDefaults(schema.items as SchemaNode, v) : v));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const s = child(schema, k);
    out[k] = s ? withDefaults(s, v) : v;
  }
  for (const [k, s] of Object.entries((schema.properties as Record<string, SchemaNode> | undefined) ?? {})) {
    if (out[k] === undefined && s.default !== undefined) out[k] = withDefaults(s, structuredClone(s.default));
  }
  return out;
}

/** A value as CEL sees it: objects as maps (escaped names), integers of integer fields as CEL ints. */
function toCel(schema: SchemaNode | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => toCel(schema && child(schema, 0), v));
  if (isObject(value)) return new Map(Object.entries(value).map(([k, v]) => [celName(k), toCel(schema && child(schema, k), v)]));
  if (typeof value === 'number' && Number.isInteger(value) && schema?.type !== 'number') return BigInt(value);
  return value;
}

/** Whether the rule cannot be judged on this value: a template action in it, or a list past its maxItems. */
function unjudgeable(schema: SchemaNode | undefined, value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === 'string') return holdsTemplateAction(value);
  if (Array.isArray(value)) {
    if (typeof schema?.maxItems === 'number' && value.length > schema.maxItems) return true;
    return value.some((v) => unjudgeable(schema && child(schema, 0), v, depth + 1));
  }
  if (isObject(value)) return Object.entries(value).some(([k, v]) => unjudgeable(schema && child(schema, k), v, depth + 1));
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `.spec.listeners[0].hostname` (a rule's fieldPath) as path segments. */
function fieldPathOf(fieldPath: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < fieldPath.length && (m = re.exec(fieldPath))) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3]));
  return re.lastIndex === fieldPath.length || out.length > 0 ? out : undefined;
}

function display(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export interface KubeCheck {
  readonly doc: Document.Parsed;
  readonly text: string;
  /** Where a problem goes when its field has no place in the text. */
  readonly fallback: Span;
}

const checked = new WeakMap<SchemaNode, boolean>();

/** Whether a schema carries anything for kubeProblems to check (a CRD-derived one). */
export function hasKubeChecks(schema: SchemaNode): boolean {
  let has = checked.get(schema);
  if (has === undefined) {
    has = /"x-kubernetes-(validations|list-type)"/.test(JSON.stringify(schema));
    checked.set(schema, has);
  }
  return has;
}

/** The API server's validation-rule and list-uniqueness problems of a document against a CRD-derived schema. */
export function kubeProblems(schema: SchemaNode, value: unknown, check: KubeCheck): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  let evaluations = 0;
  const at = (path: readonly PathSegment[], value: unknown): Span => {
    const l = locate(check.doc, path);
    if (!l) return path.length > 0 ? at(path.slice(0, -1), undefined) : check.fallback;
    // A mapping or list is reported on its key (or an item on its first line), not on all its lines.
    if (typeof value === 'object' && value !== null) return l.keySpan ?? firstLine(check.text, l.valueSpan) ?? check.fallback;
    return l.valueSpan ?? l.keySpan ?? check.fallback;
  };
  const walk = (s: SchemaNode, v: unknown, path: PathSegment[], depth: number): void => {
    if (v === undefined || depth > 64) return;
    if (Array.isArray(v)) listProblems(s, v, path);
    for (const r of (s['x-kubernetes-validations'] as ValidationRule[] | undefined) ?? []) {
      if (/\boldSelf\b/.test(r.rule) || unjudgeable(s, v)) continue;
      if (++evaluations > MAX_EVALUATIONS) return;
      const p = program(r.rule);
      let ok = false;
      if (!(p instanceof Error)) {
        try {
          const result = p({ self: toCel(s, v) });
          ok = result === true;
        } catch {
          ok = false;
        }
      }
      if (ok) continue;
      const fieldPath = r.fieldPath ? fieldPathOf(r.fieldPath) : undefined;
      const where = fieldPath ? [...path, ...fieldPath] : path;
      const message = r.message ?? `failed rule: ${r.rule.replace(/\s+/g, ' ')}`;
      out.push({ kind: 'rule', span: at(where, fieldPath ? undefined : v), message: `${where.length ? `${display(where)}: ` : ''}${message}` });
    }
    if (Array.isArray(v)) v.forEach((item, i) => { const c = child(s, i); if (c) walk(c, item, [...path, i], depth + 1); });
    else if (isObject(v)) for (const [k, item] of Object.entries(v)) { const c = child(s, k); if (c) walk(c, item, [...path, k], depth + 1); }
  };
  const listProblems = (s: SchemaNode, list: unknown[], path: PathSegment[]): void => {
    const type = s['x-kubernetes-list-type'];
    if (type !== 'map' && type !== 'set') return;
    const keys = (s['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
    const seen: unknown[] = [];
    list.forEach((item, i) => {
      const id = type === 'map' && isObject(item) ? keys.map((k) => item[k]) : item;
      const first = seen.findIndex((x) => sameValue(x, id));
      seen.push(id);
      if (first < 0) return;
      const what = type === 'map' ? keys.map((k, j) => `${k} ${JSON.stringify((id as unknown[])[j])}`).join(', ') : 'value';
      out.push({
        kind: 'rule', span: at([...path, i], item),
        message: `${display([...path, i])}: Duplicate value: the same ${what} as ${display(path)}[${first}]`,
      });
    });
  };
  walk(schema, withDefaults(schema, value), [], 0);
  return out;
}

/** The first line of a span (a list item is reported on its `- ` line). */
function firstLine(text: string, span: Span | undefined): Span | undefined {
  if (!span) return undefined;
  const nl = text.indexOf('\n', span.start);
  return nl > span.start && nl < span.end ? { start: span.start, end: nl } : span;
}
