/**
 * nginx `include`s expanded from the workspace, within a budget per model: each file read and
 * parsed once (and kept across models while its text is the same), each pattern looked up once.
 */
import * as path from 'node:path';
import { NginxDirective, NginxParseResult, parseNginx } from '../parse/nginx';
import { globToRegExp } from '../util/glob';
import { EngineHost, pathCandidates } from '../core/host';

const parseCache = new Map<string, { text: string; result: NginxParseResult }>();

function parseFile(file: string, host: EngineHost | undefined, prefix: string): NginxParseResult | undefined {
  const text = host?.readFile(file, { purpose: 'include', also: [prefix] });
  if (text === undefined) return undefined;
  const hit = parseCache.get(file);
  if (hit && hit.text === text) return hit.result;
  const result = parseNginx(text);
  parseCache.set(file, { text, result });
  if (parseCache.size > 500) parseCache.delete(parseCache.keys().next().value as string);
  return result;
}

/**
 * The files an include names: beside the including file, then under nginx's prefix; an absolute
 * path (or the prefix's) also through the path mappings. Outside the workspace, only under the
 * prefix or a mapped folder (the host decides).
 */
function resolveInclude(pattern: string, dir: string, prefix: string, host: EngineHost | undefined): string[] {
  if (!host) return [];
  const request = { purpose: 'include' as const, also: [prefix] };
  const bases = path.isAbsolute(pattern) ? pathCandidates(pattern, path.join(dir, 'nginx.conf'), host) : [
    path.join(dir, pattern),
    ...pathCandidates(path.join(prefix, pattern), path.join(dir, 'nginx.conf'), { roots: host.roots, pathMappings: host.pathMappings }),
  ];
  for (const full of [...new Set(bases)]) {
    if (!/[*?[]/.test(full)) {
      if (host.readFile(full, request) !== undefined) return [full];
      continue;
    }
    const folder = path.dirname(full);
    const re = globToRegExp(path.basename(full));
    const names = host.listDir?.(folder, request);
    if (names) {
      const hits = names.filter((n) => re.test('/' + n)).sort().map((n) => path.join(folder, n));
      if (hits.length > 0) return hits;
    }
  }
  return [];
}

/**
 * The include expansion budget per model: inclusions (each one counts, repeats of one file and
 * includes that find nothing too) and the directives they bring. A glob that includes itself, or
 * one file included 95,000 times, must not multiply.
 */
export const MAX_INCLUDE_EXPANSIONS = 1000;
export const MAX_INCLUDED_DIRECTIVES = 50_000;

/** One model's expansion: where it stands, what it spent, what it found. */
export interface Expansion {
  readonly dir: string;
  /** nginx's prefix: where relative includes resolve when not found beside the file. */
  readonly prefix: string;
  readonly host: EngineHost | undefined;
  readonly unresolved: NginxDirective[];
  /** Inclusions so far (each counts, found or not) and the directives they brought. */
  files: number;
  directives: number;
  /** What each include pattern resolved to, from each folder: the disk is asked once. */
  readonly lookups: Map<string, string[]>;
  /** Each file read and parsed once per model, however often it is included. */
  readonly parsed: Map<string, NginxParseResult | undefined>;
  /** The local include where the budget was spent. */
  exceeded?: NginxDirective;
}

function lookup(pattern: string, dir: string, x: Expansion): string[] {
  const key = `${dir}\0${pattern}`;
  let files = x.lookups.get(key);
  if (!files) x.lookups.set(key, (files = resolveInclude(pattern, dir, x.prefix, x.host)));
  return files;
}

function parsedFile(file: string, x: Expansion): NginxParseResult | undefined {
  if (!x.parsed.has(file)) x.parsed.set(file, parseFile(file, x.host, x.prefix));
  return x.parsed.get(file);
}

const spent = (x: Expansion) => x.files >= MAX_INCLUDE_EXPANSIONS || x.directives >= MAX_INCLUDED_DIRECTIVES;

/** Expands includes in a directive list (not inside blocks; blocks expand when visited). */
export function expand(
  list: readonly NginxDirective[], x: Expansion, dir = x.dir, depth = 0, seen: ReadonlySet<string> = new Set(), origin?: NginxDirective,
): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of list) {
    if (d.name !== 'include' || d.args.length !== 1 || depth > 8) { out.push(d); continue; }
    // Past the budget an include is not even looked up: 95,000 of them cost nothing more.
    if (spent(x)) { x.exceeded ??= origin ?? d; continue; }
    const files = lookup(d.args[0].value, dir, x);
    if (files.length === 0) {
      x.files++;
      if (!/[*?[]/.test(d.args[0].value)) x.unresolved.push(d);
    }
    for (const f of files) {
      if (seen.has(f)) continue;
      if (spent(x)) { x.exceeded ??= origin ?? d; break; }
      x.files++;
      const parsed = parsedFile(f, x);
      if (!parsed) continue;
      x.directives += parsed.directives.length;
      const inner = expand(parsed.directives, x, path.dirname(f), depth + 1, new Set([...seen, f]), origin ?? d);
      for (const e of inner) out.push(e);
    }
  }
  return out;
}

/** A new expansion for a document in `dir`. */
export function newExpansion(dir: string, prefix: string, host: EngineHost | undefined): Expansion {
  return { dir, prefix, host, unresolved: [], files: 0, directives: 0, lookups: new Map(), parsed: new Map() };
}

/** What the spent budget left unread, reported at the include of this document that spent it. */
export function budgetLimit(exceeded: NginxDirective): { span: NginxDirective['span']; message: string } {
  return {
    span: exceeded.span,
    message: `the include expansion budget is spent (${MAX_INCLUDE_EXPANSIONS.toLocaleString('en-US')} inclusions, where repeats of one `
      + `file and includes that find nothing count too, or ${MAX_INCLUDED_DIRECTIVES.toLocaleString('en-US')} directives); the includes `
      + 'past it are not read',
  };
}
