/**
 * ajv errors → problems a person understands, each on the exact YAML range: the key for unknown
 * and missing keys (missing: the parent's key), the value for type, enum, format and range errors.
 * anyOf/oneOf cascades collapse into the most specific error.
 */
import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import { holdsTemplateAction, locate, PathSegment } from '../parse/yaml';
import type { SpanFix } from '../core/fixes';
import type { Span } from '../core/types';
import { FORMAT_DESCRIPTIONS } from './ajv';
import { looksSecret } from '../util/redact';

/** `rule`: a CRD's validation rule (x-kubernetes-validations) or list uniqueness fails (schema/kube.ts). */
export type ProblemKind = 'invalid-value' | 'unknown-key' | 'missing-key' | 'placeholder' | 'rule';

/** Template text left in a value: `<your domain>`, `${HOST}`, `CHANGE_ME`. */
export const PLACEHOLDER = /<[^<>\n]+>|\$\{[^}\n]+\}|\{\{[^}\n]*\}\}|\bCHANGE[_-]?ME\b|\bREPLACE[_-]?ME\b|\byour[-_ ](?:domain|host|hostname|email)\b/i;

/** Keywords that judge what a string holds, not whether it is one. */
const CONTENT_KEYWORDS: ReadonlySet<string> = new Set(['format', 'pattern', 'enum', 'const', 'minLength', 'maxLength']);

export interface SchemaProblem {
  readonly kind: ProblemKind;
  readonly span: Span;
  readonly message: string;
  readonly fixes?: readonly SpanFix[];
}

function pathOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function display(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the document' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function lastKey(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return `${path[i]}${path.slice(i + 1).map((p) => `[${p}]`).join('')}`;
  return 'the document';
}

/** Keys whose values are secrets whatever they hold. */
const SECRET_KEY = /pass(word|wd|phrase)?$|secret|token|api[-_]?key|private[-_]?key|credential|^auth$|webhook[-_]?url|client[-_]?key[-_]?pass/i;
const PEM_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const PEM_ANY = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Whether a value at a path may be secret, and must never be quoted: key material, anything
 * under a Secret's data/stringData (the caller says so), a password or API key by its name.
 */
export function isSecretValue(v: unknown, path: readonly PathSegment[], underSecret: boolean): boolean {
  if (underSecret) return true;
  if (typeof v === 'string' && (v.length > 200 || looksSecret(v))) return true;
  // The value's own key names it (an ancestor like cert-manager's privateKey holds plain settings).
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return typeof last === 'string' && SECRET_KEY.test(last) && !NAMES_A_SECRET.test(last);
}

/** Keys that name a Secret (or a key in one) rather than hold one: `secretName`, `existingSecret`, `tokenSecretRef`. */
const NAMES_A_SECRET = /(secret|token)[-_]?(name|ref|namespace)$|^existing[-_]?secret$/i;

/** How a message names a value it must not quote. */
function hidden(v: unknown): string {
  if (typeof v !== 'string') return `${typeName(v)} (hidden)`;
  if (PEM_KEY.test(v)) return 'a PEM private key (hidden)';
  if (PEM_ANY.test(v)) return 'PEM text (hidden)';
  return 'a value (hidden: it may be secret)';
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 80 ? `${v.slice(0, 77)}…` : v}'`;
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'a mapping', array: 'a list',
  null: 'null',
};

/** Damerau-Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const norm = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');

/** The known key closest to an unknown one, if it is close enough to be a typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  // No known key is this long: a typo of one would be within 3 edits of it (and the distance is quadratic).
  if (unknown.length > 80) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(unknown.length / 4)));
  const u = norm(unknown);
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (norm(k) === u) return k;
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (Math.abs(k.length - unknown.length) > limit) continue;
    const d = editDistance(unknown.toLowerCase(), k.toLowerCase());
    if (d < bestD) { best = k; bestD = d; }
  }
  return bestD <= limit ? best : undefined;
}

/** Describes what one failing schema branch wanted, for merged anyOf/oneOf messages. */
function wanted(e: ErrorObject): string {
  switch (e.keyword) {
    case 'type': return String(e.params.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
    case 'enum': return `one of ${(e.params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`;
    case 'const': return `${String(e.params.allowedValue)}`;
    case 'format': return FORMAT_DESCRIPTIONS[String(e.params.format)] ?? `a ${e.params.format}`;
    case 'maxLength': return e.params.limit === 0 ? 'empty' : `at most ${e.params.limit} characters`;
    case 'pattern': return `text matching ${e.params.pattern}`;
    default: return e.message ?? e.keyword;
  }
}

/**
 * ajv emits the errors of failed anyOf/oneOf branches right before the anyOf/oneOf error itself
 * (schemaPath cannot tell branches apart across $ref). So: walk in order, and at each composite
 * error take back the trailing errors at or under its path. If some are deeper, the value had the
 * shape of a branch and failed inside it: keep those. Otherwise merge what the branches wanted.
 */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const under = (e: ErrorObject, p: string) => e.instancePath === p || e.instancePath.startsWith(p + '/');
  for (const e of errors) {
    // The wrapper of a key name's own error (propertyNames) says nothing more than that error.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') { out.push(e); continue; }
    const branch: ErrorObject[] = [];
    while (out.length > 0 && under(out[out.length - 1], e.instancePath)) branch.unshift(out.pop()!);
    const deeper = branch.filter((b) => b.instancePath.length > e.instancePath.length);
    if (deeper.length > 0) { out.push(...deeper); continue; }
    const wants = [...new Set(branch.map(wanted))];
    out.push({ ...e, keyword: 'anyOf', params: { wants: wants.length ? wants : ['valid'] }, message: wants.join(', or ') });
  }
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function locateNearest(doc: Document.Parsed, path: readonly PathSegment[]): ReturnType<typeof locate> {
  for (let n = path.length; n >= 0; n--) {
    const at = locate(doc, path.slice(0, n));
    if (at) return n === path.length ? at : { ...at, valueSpan: at.keySpan ?? at.valueSpan };
  }
  return undefined;
}

/**
 * A `not` that fails inside a oneOf/anyOf branch says nothing a person can act on ("must NOT be
 * valid"): when the same object has a more telling error, the `not` is left out.
 */
function withoutBareNots(errors: ErrorObject[]): ErrorObject[] {
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/'));
  return errors.filter((e) => e.keyword !== 'not' || !errors.some((o) => o !== e && o.keyword !== 'not' && parent(o.instancePath) === parent(e.instancePath)));
}

function quoteLike(original: string, value: string): string {
  if (original.startsWith('"')) return JSON.stringify(value);
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return /^[\w./-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d.*)$/i.test(value) ? value : JSON.stringify(value);
}

/**
 * Problems from ajv's errors. `underSecret` says which paths hold a Secret's values (data,
 * stringData): a value there, or one that looks like a secret, is never quoted in a message.
 */
export function toProblems(
  errors: readonly ErrorObject[] | null | undefined, doc: Document.Parsed, text: string, fallback: Span, origin = '',
  underSecret: (path: readonly PathSegment[]) => boolean = () => false,
): SchemaProblem[] {
  if (!errors || errors.length === 0) return [];
  const out: SchemaProblem[] = [];
  const prefix = origin ? `${origin}: ` : '';
  for (const e of withoutBareNots(collapse([...errors]))) {
    const path = pathOf(e.instancePath);
    const secret = isSecretValue(e.data, path, underSecret(path));
    const show = (v: unknown) => (secret ? hidden(v) : showValue(v));
    // A value the object does not write (a default the schema filled in) is reported where its
    // nearest written ancestor is.
    const at = locateNearest(doc, path);
    const valueSpan = at?.valueSpan ?? at?.keySpan ?? fallback;
    const key = lastKey(path);
    const data = e.data;
    // A value written with a template action (a `tpl` string) is filled at install time: what it
    // will hold is not known, so its format, pattern or member of an enum is not judged (its type
    // is: Helm validates the string as written).
    if (typeof data === 'string' && holdsTemplateAction(data) && CONTENT_KEYWORDS.has(e.keyword)) continue;
    // `Alice <alice@example.com>` is an address with a display name, not a placeholder.
    const named = typeof data === 'string' && /^[^<>]*<[^<>\s]+@[^<>\s]+>$/.test(data);
    if (typeof data === 'string' && !named && PLACEHOLDER.test(data) && !['additionalProperties', 'required'].includes(e.keyword)) {
      out.push({
        kind: 'placeholder', span: valueSpan,
        message: `${prefix}${key} still holds a placeholder${secret ? '' : `: ${show(data)}`}; fill in the real value`,
      });
      continue;
    }
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String(e.params.additionalProperty);
        const keyAt = locate(doc, [...path, prop]);
        const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
        const known = Object.keys(parent?.properties ?? {});
        const suggestion = suggestKey(prop, known);
        const span = keyAt?.keySpan ?? valueSpan;
        out.push({
          kind: 'unknown-key',
          span,
          message: `${prefix}Unknown key '${prop}' under ${display(path)}`
            + `${suggestion ? `: did you mean '${suggestion}'?` : `; known keys: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`}`,
          ...(suggestion ? { fixes: [{ title: `Rename '${prop}' to '${suggestion}'`, edits: [{ span, newText: suggestion }] }] } : {}),
        });
        break;
      }
      case 'required': {
        const missing = String(e.params.missingProperty);
        const span = path.length === 0 ? fallback : (at?.keySpan ?? valueSpan);
        out.push({
          kind: 'missing-key', span,
          message: `${prefix}${path.length === 0 ? 'The document' : `'${key}'`} is missing the required key '${missing}'`,
        });
        break;
      }
      case 'dependencies': {
        // A key another one needs (clientKeySecretRef with clientCertSecretRef): missing, as a required key is.
        const span = path.length === 0 ? fallback : (at?.keySpan ?? valueSpan);
        out.push({
          kind: 'missing-key', span,
          message: `${prefix}'${key}' is missing the key '${String(e.params.missingProperty)}', required with '${String(e.params.property)}'`,
        });
        break;
      }
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).map(String);
        const parent = e.parentSchema as Record<string, unknown> | undefined;
        if (parent?.['x-case-insensitive-enum'] && typeof data === 'string' && allowed.some((a) => a.toLowerCase() === data.toLowerCase())) break;
        const original = text.slice(valueSpan.start, valueSpan.end);
        out.push({
          kind: 'invalid-value',
          span: valueSpan,
          message: `${prefix}${key} must be one of ${allowed.join(', ')}; got ${show(data)}`,
          fixes: allowed.map((a) => ({ title: `Change to '${a}'`, edits: [{ span: valueSpan, newText: quoteLike(original, a) }] })),
        });
        break;
      }
      case 'const': {
        const want = String(e.params.allowedValue);
        const original = text.slice(valueSpan.start, valueSpan.end);
        out.push({
          kind: 'invalid-value', span: valueSpan, message: `${prefix}${key} must be ${want}; got ${show(data)}`,
          fixes: [{ title: `Change to '${want}'`, edits: [{ span: valueSpan, newText: quoteLike(original, want) }] }],
        });
        break;
      }
      case 'type':
        out.push({
          kind: 'invalid-value', span: valueSpan,
          message: `${prefix}${key} must be ${wanted(e)}; got `
            + `${data !== null && typeof data === 'object' ? typeName(data) : `${show(data)}, ${typeName(data)}`}`,
        });
        break;
      case 'format': {
        // A key name that fails (propertyNames) is reported on that key.
        const named = e.propertyName !== undefined ? locate(doc, [...path, e.propertyName])?.keySpan : undefined;
        out.push({ kind: 'invalid-value', span: named ?? valueSpan, message: `${prefix}${key} must be ${wanted(e)}; got ${show(data)}` });
        break;
      }
      case 'minLength':
        out.push({
          kind: 'invalid-value', span: valueSpan,
          message: `${prefix}${key} must ${e.params.limit === 1 ? 'not be empty' : `have at least ${String(e.params.limit)} characters`}; got ${show(data)}`,
        });
        break;
      case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
        out.push({
          kind: 'invalid-value', span: valueSpan,
          message: `${prefix}${key} must be ${e.keyword.includes('inimum') ? '≥' : '≤'} ${e.params.limit}; got ${show(data)}`,
        });
        break;
      case 'anyOf':
        out.push({
          kind: 'invalid-value', span: valueSpan,
          message: `${prefix}${key} must be ${(e.params.wants as string[]).join(', or ')}; got ${show(data)}`,
        });
        break;
      case 'pattern':
        out.push({ kind: 'invalid-value', span: valueSpan, message: `${prefix}${key} must match ${showValue(String(e.params.pattern))}; got ${show(data)}` });
        break;
      default:
        out.push({ kind: 'invalid-value', span: valueSpan, message: `${prefix}${key} ${e.message ?? 'is invalid'}` });
    }
  }
  return out;
}
