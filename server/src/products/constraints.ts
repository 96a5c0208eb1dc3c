/**
 * The engine of the products' cross-field constraints: each kind of constraint (equal, differ,
 * requires, scheme, value, placeholder, exactlyOne, port, renewal) evaluated over one YAML
 * document, with the span it is reported on, the data its message needs, the related places and
 * the quick fixes. Paths may bind variables (`{svc}`) shared by the paths of one constraint.
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
import { insertValue, replaceValue } from './edit';
import type { Condition, Constraint, Needed } from './types';

export interface ConstraintReport {
  readonly span: Span;
  readonly data: Readonly<Record<string, string>>;
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
  readonly fixes?: readonly SpanFix[];
}

export interface ConstraintInput {
  readonly json: unknown;
  readonly doc: Document.Parsed;
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
      for (const k of Object.keys(cur)) walk((cur as Record<string, unknown>)[k], i + 1, [...path, Array.isArray(cur) ? Number(k) : k], variable ? { ...bound, [variable]: k } : bound);
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

export function evaluate(c: Constraint, input: ConstraintInput): ConstraintReport[] {
  const { json, doc, text } = input;
  const span = (path: readonly PathSegment[]) => {
    const l = locate(doc, path);
    return l?.valueSpan ?? l?.keySpan;
  };
  const out: ConstraintReport[] = [];
  switch (c.kind) {
    case 'equal': {
      const set = c.paths.map((p) => ({ path: parsePath(p), value: get(json, parsePath(p)) })).filter((x) => present(x.value) && typeof x.value !== 'object');
      if (set.length < 2) break;
      const key = (v: unknown) => String(v).toLowerCase();
      const counts = new Map<string, number>();
      for (const x of set) counts.set(key(x.value), (counts.get(key(x.value)) ?? 0) + 1);
      if (counts.size === 1) break;
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      const majority = sorted[0][1] > sorted[1][1] ? sorted[0][0] : undefined;
      const reference = majority ?? key(set[0].value);
      const model = set.find((x) => key(x.value) === reference)!;
      for (const x of set) {
        if (key(x.value) === reference) continue;
        const s = span(x.path);
        if (!s) continue;
        const others = set.filter((o) => o !== x);
        // A fix copies a value: never one that looks like key material.
        const copy = (to: PathSegment[], v: unknown) => (looksSecret(String(v)) ? [] : [{ title: `Set ${showPath(to)} to '${show(v)}'`, edits: [replaceValue(doc, text, to, String(v))!] }]);
        const fixes = copy(x.path, model.value);
        // Without a majority, either side may be the right one: offer both directions.
        if (!majority) for (const o of others) fixes.push(...copy(o.path, x.value));
        out.push({
          span: s,
          data: { path: showPath(x.path), value: show(x.value), others: someOf(others.map((o) => `${showPath(o.path)} is '${show(o.value)}'`)) },
          related: others.flatMap((o) => { const os = span(o.path); return os ? [{ span: os, message: `${showPath(o.path)}: '${show(o.value)}'` }] : []; }),
          fixes: fixes.filter((f) => f.edits.every(Boolean)),
        });
      }
      break;
    }
    case 'differ': {
      const a = get(json, parsePath(c.a));
      const b = get(json, parsePath(c.b));
      if (!present(a) || !present(b) || unknown(a) || unknown(b) || String(a).toLowerCase() !== String(b).toLowerCase()) break;
      const s = span(parsePath(c.a));
      const bs = span(parsePath(c.b));
      if (s) out.push({ span: s, data: { path: c.a, value: show(a), other: c.b }, ...(bs ? { related: [{ span: bs, message: `${c.b}: '${show(b)}'` }] } : {}) });
      break;
    }
    case 'requires': {
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
          const edit = get(json, path) !== undefined ? replaceValue(doc, text, path, n.insert!) : insertValue(doc, text, path, n.insert!);
          return edit ? [{ title: `Set ${showPath(path)}: ${n.insert}`, edits: [edit] }] : [];
        });
        out.push({ span: s, data: { ...w.vars, path: showPath(hit.path), value: show(hit.value), missing: someOf(missing.map((n) => relative(showPath(concrete(n.path, w.vars)), c.relativeTo && `${showPath(concrete(c.relativeTo, w.vars))}.`))) }, ...(fixes.length ? { fixes } : {}) });
      }
      break;
    }
    case 'scheme': {
      for (const x of expand(json, c.path)) {
        if (!keep(c, x.vars) || typeof x.value !== 'string' || !x.value) continue;
        if (c.when && !holds(json, c.when, x.vars)) continue;
        const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(x.value);
        if (!m || m[1].toLowerCase() === c.scheme) continue;
        const s = span(x.path);
        if (!s) continue;
        const fixed = `${c.scheme}://${x.value.slice(m[0].length)}`;
        const edit = m[1].toLowerCase() === 'http' ? replaceValue(doc, text, x.path, fixed) : undefined;
        out.push({ span: s, data: { ...x.vars, path: showPath(x.path), value: show(x.value) }, ...(edit ? { fixes: [{ title: `Use ${c.scheme}://`, edits: [edit] }] } : {}) });
      }
      break;
    }
    case 'value': {
      for (const x of expand(json, c.path)) {
        if (!keep(c, x.vars) || !present(x.value) || unknown(x.value) || String(x.value) === c.expect) continue;
        if (c.when && !holds(json, c.when, x.vars)) continue;
        const s = span(x.path);
        const edit = replaceValue(doc, text, x.path, c.expect);
        if (s) out.push({ span: s, data: { ...x.vars, path: showPath(x.path), value: show(x.value), expect: c.expect }, ...(edit ? { fixes: [{ title: `Change to '${c.expect}'`, edits: [edit] }] } : {}) });
      }
      break;
    }
    case 'placeholder': {
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
      break;
    }
    case 'exactlyOne': {
      // A template's value may set or unset any of them: not known.
      if (c.paths.some((p) => unknown(get(json, parsePath(p))))) break;
      const set = c.paths.filter((p) => { const v = get(json, parsePath(p)); return v === true || (typeof v === 'string' && v !== ''); });
      if (set.length === 1) break;
      const s = set.length > 1 ? span(parsePath(set[1])) : locate(doc, parsePath(c.at))?.keySpan;
      if (!s) break;
      out.push({ span: s, data: { which: set.length === 0 ? `Neither ${c.paths.join(' nor ')} is set` : `Both ${set.join(' and ')} are set` } });
      break;
    }
    case 'port': {
      for (const x of expand(json, c.path)) {
        if (!keep(c, x.vars) || typeof x.value !== 'string') continue;
        const svc = Object.values(x.vars)[0];
        const standard = svc ? c.ports[svc] : undefined;
        const port = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(x.value)?.[1];
        const s = span(x.path);
        if (standard && port && Number(port) !== standard && s) out.push({ span: s, data: { ...x.vars, path: showPath(x.path), port, standard: String(standard) } });
      }
      break;
    }
    case 'renewal': {
      for (const pair of c.pairs) {
        const dPath = parsePath(pair.duration);
        const rPath = parsePath(pair.renewBefore);
        const dRaw = get(json, dPath);
        const rRaw = get(json, rPath);
        const duration = typeof dRaw === 'string' ? parseGoDuration(dRaw) : undefined;
        const renew = typeof rRaw === 'string' ? parseGoDuration(rRaw) : undefined;
        const problems: { path: PathSegment[]; problem: string }[] = [];
        if (pair.renewBeforePercentage && present(rRaw) && present(get(json, parsePath(pair.renewBeforePercentage)))) problems.push({ path: rPath, problem: `${pair.renewBefore} and ${pair.renewBeforePercentage} are both set: cert-manager accepts only one of them.` });
        if (duration !== undefined && duration < 3_600_000) problems.push({ path: dPath, problem: `${pair.duration} is ${String(dRaw)}: cert-manager requires at least 1h.` });
        if (renew !== undefined && renew < 300_000) problems.push({ path: rPath, problem: `${pair.renewBefore} is ${String(rRaw)}: cert-manager requires at least 5m.` });
        if (duration !== undefined && renew !== undefined && renew >= duration) problems.push({ path: rPath, problem: `${pair.renewBefore} (${String(rRaw)}) is not shorter than ${pair.duration} (${String(dRaw)}): cert-manager rejects the Certificate (it would renew for ever).` });
        for (const p of problems) {
          const s = span(p.path);
          if (s) out.push({ span: s, data: { path: showPath(p.path), problem: p.problem } });
        }
      }
      break;
    }
  }
  return out;
}
