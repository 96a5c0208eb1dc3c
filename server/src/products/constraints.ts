/**
 * The engine of the products' cross-field constraints: each kind of constraint (equal, differ,
 * requires, scheme, value, placeholder, exactlyOne, count, port, renewal) evaluated over one YAML
 * document, with the span it is reported on, the data its message needs, the related places and
 * the quick fixes. Paths may bind variables (`{svc}`) shared by the paths of one constraint.
 * One evaluator per kind, in one table (EVALUATORS) that the compiler checks covers every kind.
 */
import type { Document } from 'yaml';
import type { SpanFix } from '../core/fixes';
import type { Span } from '../core/types';
import { locate, PathSegment } from '../parse/yaml';
import { parseGoDuration } from '../schema/formats';
import { PLACEHOLDER } from '../schema/problems';
import { looksSecret, quoteUser } from '../util/redact';
import { someOf } from '../util/list';
import { get, parsePath, showPath, unknown } from './json';
import { insertValue, replaceValue, TextEdit } from '../model/yamlEdit';
import type {
  Condition, Constraint, CountConstraint, DifferConstraint, EqualConstraint, ExactlyOneConstraint, Needed, PlaceholderConstraint, PortConstraint,
  RenewalConstraint,
  RequiresConstraint, SchemeConstraint, ValueConstraint,
} from './types';

export interface ConstraintReport {
  readonly span: Span;
  readonly data: Readonly<Record<string, string>>;
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
  readonly fixes?: readonly SpanFix[];
}

/** The YAML document a constraint is evaluated over (a YamlDocModel is one). */
export interface ConstraintDocument {
  readonly json: unknown;
  readonly doc: Document.Parsed;
}

/** What the evaluation reads of the document model: its text, for the quick fixes' edits (DocumentModel is one). */
export interface ConstraintText {
  readonly text: string;
}

type Vars = Readonly<Record<string, string>>;

/** Every concrete path a pattern matches in the document, with the variables it binds. */
function expand(json: unknown, pattern: string, vars: Vars = {}): { path: PathSegment[]; value: unknown; vars: Vars }[] {
  const segments = parsePath(pattern);
  const out: { path: PathSegment[]; value: unknown; vars: Vars }[] = [];
  const walk = (cur: unknown, i: number, path: PathSegment[], bound: Vars) => {
    if (i === segments.length) { out.push({ path, value: cur, vars: bound }); return; }
    const seg = segments[i];
    const variable = typeof seg === 'string' ? /^\{(\w+)\}$/.exec(seg)?.[1] : undefined;
    if (variable && bound[variable] !== undefined) { walk(get(cur, [bound[variable]]), i + 1, [...path, bound[variable]], bound); return; }
    if (variable || seg === '*') {
      if (!cur || typeof cur !== 'object') return;
      for (const k of Object.keys(cur)) {
        walk((cur as Record<string, unknown>)[k], i + 1, [...path, Array.isArray(cur) ? Number(k) : k], variable ? { ...bound, [variable]: k } : bound);
      }
      return;
    }
    walk(get(cur, [seg]), i + 1, [...path, seg], bound);
  };
  walk(json, 0, [], vars);
  return out;
}

/** A path pattern with its variables filled in. */
function concrete(pattern: string, vars: Vars): PathSegment[] {
  return parsePath(pattern).map((s) => (typeof s === 'string' ? s.replace(/^\{(\w+)\}$/, (m, v: string) => vars[v] ?? m) : s));
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function valueOf(json: unknown, patterns: readonly string[], vars: Vars): { path: PathSegment[]; value: unknown } | undefined {
  for (const p of patterns) {
    const path = concrete(p, vars);
    const value = get(json, path);
    if (present(value)) return { path, value };
  }
  return undefined;
}

function holds(json: unknown, c: Condition, vars: Vars): { path: PathSegment[]; value: unknown } | undefined {
  const hit = valueOf(json, [c.path, ...(c.alternatives ?? [])], vars);
  if (!hit) return undefined;
  if (!c.equals) return hit;
  // A template's value may be any of them: the condition is not known to hold.
  if (unknown(hit.value)) return undefined;
  const eq = (a: unknown, b: unknown) => {
    if (c.ci && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
    // A string 'true' is not the boolean true; '8443' and 8443 are the same port.
    return a === b || (typeof a !== 'boolean' && typeof b !== 'boolean' && String(a) === String(b));
  };
  return c.equals.some((e) => eq(hit.value, e)) ? hit : undefined;
}

function keep(c: Constraint, vars: Vars): boolean {
  for (const [v, list] of Object.entries(c.except ?? {})) if (vars[v] !== undefined && list.includes(vars[v])) return false;
  for (const [v, list] of Object.entries(c.only ?? {})) if (vars[v] !== undefined && !list.includes(vars[v])) return false;
  return true;
}

const show = (v: unknown) => quoteUser(String(v));

/** A path as a message names it below a prefix (a service's profile): the rest of it. */
const relative = (path: string, prefix: string | undefined) => (prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path);

/** What an evaluator is handed: the document's JSON, where a path is shown, and the edits a quick fix makes there. */
interface Subject {
  readonly json: unknown;
  /** Where a finding on a path is shown: its value, else its key. */
  readonly span: (path: readonly PathSegment[]) => Span | undefined;
  /** The span of the key at a path. */
  readonly keySpan: (path: readonly PathSegment[]) => Span | undefined;
  /** A quick fix's edit: the value at a path replaced, or added with the keys it lacks. */
  readonly replace: (path: readonly PathSegment[], value: string) => TextEdit | undefined;
  readonly insert: (path: readonly PathSegment[], value: string) => TextEdit | undefined;
}

type Kind = Constraint['kind'];
type Evaluator<K extends Kind> = (c: Extract<Constraint, { readonly kind: K }>, s: Subject) => ConstraintReport[];

/** The values that differ from the others (the majority, else the first); fixes copy a value across. */
function equalValues(c: EqualConstraint, { json, span, replace }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  const set = c.paths.map((p) => ({ path: parsePath(p), value: get(json, parsePath(p)) })).filter((x) => present(x.value) && typeof x.value !== 'object');
  if (set.length < 2) return out;
  const key = (v: unknown) => String(v).toLowerCase();
  const counts = new Map<string, number>();
  for (const x of set) counts.set(key(x.value), (counts.get(key(x.value)) ?? 0) + 1);
  if (counts.size === 1) return out;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const majority = sorted[0][1] > sorted[1][1] ? sorted[0][0] : undefined;
  const reference = majority ?? key(set[0].value);
  const wanted = set.find((x) => key(x.value) === reference)!;
  for (const x of set) {
    if (key(x.value) === reference) continue;
    const s = span(x.path);
    if (!s) continue;
    const others = set.filter((o) => o !== x);
    // A fix copies a value: never one that looks like key material.
    const copy = (to: PathSegment[], v: unknown) =>
      (looksSecret(String(v)) ? [] : [{ title: `Set ${showPath(to)} to '${show(v)}'`, edits: [replace(to, String(v))!] }]);
    const fixes = copy(x.path, wanted.value);
    // Without a majority, either side may be the right one: offer both directions.
    if (!majority) for (const o of others) fixes.push(...copy(o.path, x.value));
    out.push({
      span: s,
      data: { path: showPath(x.path), value: show(x.value), others: someOf(others.map((o) => `${showPath(o.path)} is '${show(o.value)}'`)) },
      related: others.flatMap((o) => { const os = span(o.path); return os ? [{ span: os, message: `${showPath(o.path)}: '${show(o.value)}'` }] : []; }),
      fixes: fixes.filter((f) => f.edits.every(Boolean)),
    });
  }
  return out;
}

/** Two values that are the same (case-insensitively), reported on the first. */
function differentValues(c: DifferConstraint, { json, span }: Subject): ConstraintReport[] {
  const a = get(json, parsePath(c.a));
  const b = get(json, parsePath(c.b));
  if (!present(a) || !present(b) || unknown(a) || unknown(b) || String(a).toLowerCase() !== String(b).toLowerCase()) return [];
  const s = span(parsePath(c.a));
  const bs = span(parsePath(c.b));
  return s ? [{ span: s, data: { path: c.a, value: show(a), other: c.b }, ...(bs ? { related: [{ span: bs, message: `${c.b}: '${show(b)}'` }] } : {}) }] : [];
}

/** Each place a condition holds while values it needs are missing (or wrong); fixes add what a constraint knows to insert. */
function requiredValues(c: RequiresConstraint, { json, span, replace, insert }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const w of expand(json, c.when.path)) {
    if (!keep(c, w.vars)) continue;
    const hit = holds(json, c.when, w.vars);
    if (!hit) continue;
    const missing: Needed[] = c.then.filter((n) => {
      const v = valueOf(json, [n.path, ...(n.alternatives ?? [])], w.vars);
      // Set by a template: present, and perhaps the value needed.
      if (v && unknown(v.value)) return false;
      return n.value === undefined ? !v : !v || String(v.value).toLowerCase() !== String(n.value).toLowerCase();
    });
    if (missing.length === 0) continue;
    const s = span(hit.path);
    if (!s) continue;
    const fixes = missing.filter((n) => n.insert !== undefined).flatMap((n) => {
      const path = concrete(n.path, w.vars);
      const edit = get(json, path) !== undefined ? replace(path, n.insert!) : insert(path, n.insert!);
      return edit ? [{ title: `Set ${showPath(path)}: ${n.insert}`, edits: [edit] }] : [];
    });
    const prefix = c.relativeTo && `${showPath(concrete(c.relativeTo, w.vars))}.`;
    const named = someOf(missing.map((n) => relative(showPath(concrete(n.path, w.vars)), prefix)));
    out.push({ span: s, data: { ...w.vars, path: showPath(hit.path), value: show(hit.value), missing: named }, ...(fixes.length ? { fixes } : {}) });
  }
  return out;
}

/** URLs with another scheme; an http:// one is fixed to the scheme. */
function urlScheme(c: SchemeConstraint, { json, span, replace }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const x of expand(json, c.path)) {
    if (!keep(c, x.vars) || typeof x.value !== 'string' || !x.value) continue;
    if (c.when && !holds(json, c.when, x.vars)) continue;
    const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(x.value);
    if (m ? m[1].toLowerCase() === c.scheme : !c.bare || unknown(x.value)) continue;
    const s = span(x.path);
    if (!s) continue;
    const fixed = `${c.scheme}://${m ? x.value.slice(m[0].length) : x.value}`;
    const edit = !m || m[1].toLowerCase() === 'http' ? replace(x.path, fixed) : undefined;
    const fixes = edit ? { fixes: [{ title: `Use ${c.scheme}://`, edits: [edit] }] } : {};
    out.push({ span: s, data: { ...x.vars, path: showPath(x.path), value: show(x.value) }, ...fixes });
  }
  return out;
}

/** Values other than the one expected, fixed to it. */
function fixedValue(c: ValueConstraint, { json, span, replace }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const x of expand(json, c.path)) {
    if (!keep(c, x.vars) || !present(x.value) || unknown(x.value) || String(x.value) === c.expect) continue;
    if (c.when && !holds(json, c.when, x.vars)) continue;
    const s = span(x.path);
    const edit = replace(x.path, c.expect);
    const fixes = edit ? { fixes: [{ title: `Change to '${c.expect}'`, edits: [edit] }] } : {};
    if (s) out.push({ span: s, data: { ...x.vars, path: showPath(x.path), value: show(x.value), expect: c.expect }, ...fixes });
  }
  return out;
}

/** Values left empty, at a documented placeholder, or placeholder-like (never quoted). */
function placeholders(c: PlaceholderConstraint, { json, span }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const p of c.paths) {
    const path = parsePath(p.path);
    const value = get(json, path);
    if (value === undefined || value === null || typeof value === 'object') continue;
    if (p.when && !holds(json, p.when, {})) continue;
    if (p.unless && holds(json, p.unless, {})) continue;
    const v = String(value).trim();
    const known = c.placeholders.find((x) => x.toLowerCase() === v.toLowerCase());
    const what = v === '' ? 'empty' : known ? `the documentation's placeholder '${known}'` : PLACEHOLDER.test(v) ? 'still a placeholder' : undefined;
    const s = span(path);
    if (what && s) out.push({ span: s, data: { path: p.path, what } });
  }
  return out;
}

/** None or more than one of the settings set: on the second one set, else on the key `at`. */
function exactlyOne(c: ExactlyOneConstraint, { json, span, keySpan }: Subject): ConstraintReport[] {
  // A template's value may set or unset any of them: not known.
  if (c.paths.some((p) => unknown(get(json, parsePath(p))))) return [];
  const set = c.paths.filter((p) => { const v = get(json, parsePath(p)); return v === true || (typeof v === 'string' && v !== ''); });
  if (set.length === 1) return [];
  const s = set.length > 1 ? span(parsePath(set[1])) : keySpan(parsePath(c.at));
  if (!s) return [];
  return [{ span: s, data: { which: set.length === 0 ? `Neither ${c.paths.join(' nor ')} is set` : `Both ${set.join(' and ')} are set` } }];
}

/** A setting is set: present, not false, and not an empty string or list. */
const isSet = (v: unknown) => present(v) && v !== false && !(Array.isArray(v) && v.length === 0);

/** Too few or too many of a group's settings set, under each match of its `at`. */
function countSet(c: CountConstraint, { json, span, keySpan }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const g of c.groups) {
    for (const x of expand(json, g.at)) {
      if (!keep(c, x.vars) || x.value === null || typeof x.value !== 'object' || Array.isArray(x.value)) continue;
      // A setting `a|b` is set when either is (a service principal: clientID|tenantID).
      const values = g.paths.map((p) => ({ p, values: p.split('|').map((q) => get(x.value, parsePath(q))) }));
      // A template's value may set or unset any of them: not known.
      if (values.some((v) => v.values.some(unknown))) continue;
      const set = values.filter((v) => v.values.some(isSet)).map((v) => v.p);
      const data = { ...x.vars, path: showPath(x.path), need: g.need };
      if (g.together && set.length > 0 && set.length < g.paths.length) {
        const s = keySpan(x.path) ?? span(x.path);
        const unset = g.paths.filter((p) => !set.includes(p));
        if (s) out.push({ span: s, data: { ...data, which: `${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set without ${unset.join(', ')}` } });
      } else if (g.min !== undefined && set.length < g.min) {
        const s = keySpan(x.path) ?? span(x.path);
        if (s) out.push({ span: s, data: { ...data, which: set.length === 0 ? `none of ${g.paths.join(', ')} is set` : `only ${set.join(', ')} is set` } });
      } else if (g.max !== undefined && set.length > g.max) {
        const extra = [...x.path, ...parsePath(set[g.max].split('|').find((q) => isSet(get(x.value, parsePath(q)))) ?? set[g.max])];
        const s = keySpan(extra) ?? span(extra);
        if (s) out.push({ span: s, data: { ...data, which: `${set.join(' and ')} are set` } });
      }
    }
  }
  return out;
}

/** URLs whose port is not their service's standard port. */
function standardPort(c: PortConstraint, { json, span }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const x of expand(json, c.path)) {
    if (!keep(c, x.vars) || typeof x.value !== 'string') continue;
    const svc = Object.values(x.vars)[0];
    const standard = svc ? c.ports[svc] : undefined;
    const port = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(x.value)?.[1];
    const s = span(x.path);
    if (standard && port && Number(port) !== standard && s) {
      out.push({ span: s, data: { ...x.vars, path: showPath(x.path), port, standard: String(standard) } });
    }
  }
  return out;
}

/** A lifetime and renewal window cert-manager refuses: both renewal settings, too short, or renewing for ever. */
function renewalWindow(c: RenewalConstraint, { json, span }: Subject): ConstraintReport[] {
  const out: ConstraintReport[] = [];
  for (const pair of c.pairs) {
    const dPath = parsePath(pair.duration);
    const rPath = parsePath(pair.renewBefore);
    const dRaw = get(json, dPath);
    const rRaw = get(json, rPath);
    // cert-manager compares renewBefore with the default lifetime when none is written.
    const dGiven = typeof dRaw === 'string' ? parseGoDuration(dRaw) : undefined;
    const duration = dGiven ?? (dRaw === undefined && pair.defaultDuration ? parseGoDuration(pair.defaultDuration) : undefined);
    const dShown = dGiven !== undefined ? `${pair.duration} (${String(dRaw)})` : `the default duration (${pair.defaultDuration ?? ''})`;
    const renew = typeof rRaw === 'string' ? parseGoDuration(rRaw) : undefined;
    const problems: { path: PathSegment[]; problem: string }[] = [];
    if (pair.renewBeforePercentage && present(rRaw) && present(get(json, parsePath(pair.renewBeforePercentage)))) {
      problems.push({ path: rPath, problem: `${pair.renewBefore} and ${pair.renewBeforePercentage} are both set: cert-manager accepts only one of them.` });
    }
    if (dGiven !== undefined && dGiven < 3_600_000) {
      problems.push({ path: dPath, problem: `${pair.duration} is ${String(dRaw)}: cert-manager requires at least 1h.` });
    }
    if (renew !== undefined && renew < 300_000) {
      problems.push({ path: rPath, problem: `${pair.renewBefore} is ${String(rRaw)}: cert-manager requires at least 5m.` });
    }
    if (duration !== undefined && renew !== undefined && renew >= duration) {
      const problem = `${pair.renewBefore} (${String(rRaw)}) is not shorter than ${dShown}: ` +
        'cert-manager rejects the Certificate (it would renew for ever).';
      problems.push({ path: rPath, problem });
    }
    for (const p of problems) {
      const s = span(p.path);
      if (s) out.push({ span: s, data: { path: showPath(p.path), problem: p.problem } });
    }
  }
  return out;
}

/** One evaluator per kind of constraint: a kind without one does not compile. */
const EVALUATORS: { readonly [K in Kind]: Evaluator<K> } = {
  equal: equalValues,
  differ: differentValues,
  requires: requiredValues,
  scheme: urlScheme,
  value: fixedValue,
  placeholder: placeholders,
  exactlyOne,
  count: countSet,
  port: standardPort,
  renewal: renewalWindow,
};

/** What a constraint finds in one YAML document of its schema, with the spans, message data, related places and quick fixes. */
export function evaluate(c: Constraint, d: ConstraintDocument, model: ConstraintText): ConstraintReport[] {
  const subject: Subject = {
    json: d.json,
    span: (path) => { const l = locate(d.doc, path); return l?.valueSpan ?? l?.keySpan; },
    keySpan: (path) => locate(d.doc, path)?.keySpan,
    replace: (path, value) => replaceValue(model, d, path, value),
    insert: (path, value) => insertValue(model, d, path, value),
  };
  // Each evaluator takes its own kind: the table's key is the constraint's kind.
  return (EVALUATORS[c.kind] as Evaluator<Kind>)(c, subject);
}
