/**
 * What an nginx configuration says about TLS: its server blocks with the directives that apply to
 * each (their own, else inherited from http {}), includes expanded from the workspace. Directives
 * of this document are "local": rules report only on those.
 */
import * as path from 'node:path';
import { NginxArg, NginxDirective, NginxParseResult, parseNginx } from '../parse/nginx';
import type { Context } from '../nginx/directives';
import { globToRegExp } from '../schema/select';
import { EngineHost, pathCandidates } from '../core/host';
import { DEFAULTS } from '../defaults';

export interface NginxSettings {
  readonly profile: 'intermediate' | 'modern';
  readonly version: string;
  /** Where relative includes resolve when not found beside the file (nginx's prefix). */
  readonly prefix: string;
  /** The OpenSSL version nginx links (which key-exchange groups load). */
  readonly openssl: string;
}

export const DEFAULT_NGINX_SETTINGS: NginxSettings = { profile: DEFAULTS.nginxProfile, version: DEFAULTS.nginxVersion, prefix: DEFAULTS.nginxPrefix, openssl: DEFAULTS.nginxOpenssl };

export interface Listen {
  readonly directive: NginxDirective;
  readonly ssl?: NginxArg;
  readonly http2?: NginxArg;
  readonly port: string;
}

export interface ServerBlock {
  readonly directive: NginxDirective;
  readonly listens: readonly Listen[];
  readonly names: readonly NginxArg[];
  /** A TLS server: a `listen … ssl`, or `ssl on`. */
  readonly tls: boolean;
  /** The directives that apply to the server: its own (includes expanded), else those of http {}. */
  get(name: string): readonly NginxDirective[];
  /** True when the directive comes from http {} rather than the server itself. */
  inherited(d: NginxDirective): boolean;
  /** A plain-HTTP server that sends every request to https://. */
  readonly redirectsToHttps: boolean;
}

export interface NginxModel {
  readonly parse: NginxParseResult;
  /** The context of the file's top level: main for a full nginx.conf, http for a sites-enabled snippet, undefined when unknown. */
  readonly rootContext?: Context;
  /** Whether the http {} level is visible (the file holds `http {}`): inheritance is then known. */
  readonly httpVisible: boolean;
  readonly servers: readonly ServerBlock[];
  readonly settings: NginxSettings;
  isLocal(d: NginxDirective): boolean;
  /** Indentation of the line where an offset sits (for inserted lines). */
  indentAt(offset: number): string;
  /** Includes that resolved to no file. */
  readonly unresolvedIncludes: readonly NginxDirective[];
  /** What was not read because it exceeds a bound (nesting depth, include expansion). */
  readonly limits: readonly { readonly span: { readonly start: number; readonly end: number }; readonly message: string }[];
  /** The servers (of this file) a directive applies to, from one map built on first use. */
  serversUsing(d: NginxDirective): readonly ServerBlock[];
}

const MAIN_ONLY = new Set(['http', 'events', 'worker_processes', 'user', 'pid', 'load_module', 'worker_rlimit_nofile', 'stream', 'mail']);

function rootContextOf(directives: readonly NginxDirective[]): Context | undefined {
  if (directives.some((d) => MAIN_ONLY.has(d.name))) return 'main';
  if (directives.some((d) => d.name === 'server' && d.block)) return 'http';
  if (directives.some((d) => d.name === 'location' || d.name === 'listen' || d.name === 'server_name')) return 'server';
  return undefined;
}

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
function resolveInclude(pattern: string, dir: string, settings: NginxSettings, host: EngineHost | undefined): string[] {
  if (!host) return [];
  const request = { purpose: 'include' as const, also: [settings.prefix] };
  const bases = path.isAbsolute(pattern) ? pathCandidates(pattern, path.join(dir, 'nginx.conf'), host) : [path.join(dir, pattern), ...pathCandidates(path.join(settings.prefix, pattern), path.join(dir, 'nginx.conf'), { roots: host.roots, pathMappings: host.pathMappings })];
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

interface Expansion {
  readonly dir: string;
  readonly settings: NginxSettings;
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
  if (!files) x.lookups.set(key, (files = resolveInclude(pattern, dir, x.settings, x.host)));
  return files;
}

function parsedFile(file: string, x: Expansion): NginxParseResult | undefined {
  if (!x.parsed.has(file)) x.parsed.set(file, parseFile(file, x.host, x.settings.prefix));
  return x.parsed.get(file);
}

const spent = (x: Expansion) => x.files >= MAX_INCLUDE_EXPANSIONS || x.directives >= MAX_INCLUDED_DIRECTIVES;

/** Expands includes in a directive list (not inside blocks; blocks expand when visited). */
function expand(list: readonly NginxDirective[], x: Expansion, dir = x.dir, depth = 0, seen: ReadonlySet<string> = new Set(), origin?: NginxDirective): NginxDirective[] {
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

const HTTPS_REDIRECT = /^https:\/\//;

export function buildNginxModel(text: string, filePath: string, settings: NginxSettings, host?: EngineHost): NginxModel {
  const parsed = parseNginx(text);
  const local = new WeakSet<NginxDirective>();
  const markLocal = (list: readonly NginxDirective[]) => list.forEach((d) => { local.add(d); if (d.block) markLocal(d.block); });
  markLocal(parsed.directives);
  const unresolved: NginxDirective[] = [];
  const x: Expansion = { dir: path.dirname(filePath), settings, host, unresolved, files: 0, directives: 0, lookups: new Map(), parsed: new Map() };
  const rootContext = rootContextOf(parsed.directives);
  const top = expand(parsed.directives, x);
  const httpBlock = top.find((d) => d.name === 'http' && d.block);
  const httpLevel = httpBlock ? expand(httpBlock.block!, x) : rootContext === 'http' ? top : [];
  const servers: ServerBlock[] = [];
  const byName = (list: readonly NginxDirective[], skip?: string) => {
    const m = new Map<string, NginxDirective[]>();
    for (const d of list) {
      if (d.name === skip) continue;
      const l = m.get(d.name);
      if (l) l.push(d);
      else m.set(d.name, [d]);
    }
    return m;
  };
  const httpByName = byName(httpLevel, 'server');
  /** Per server (same order), the names of its own directives, includes expanded. */
  const ownNames: (readonly string[])[] = [];
  for (const s of httpLevel.filter((d) => d.name === 'server' && d.block && local.has(d))) {
    const own = expand(s.block!, x);
    const ownSet = new Set(own);
    const ownByName = byName(own);
    ownNames.push([...ownByName.keys()]);
    const listens: Listen[] = (ownByName.get('listen') ?? []).map((l) => {
      const addr = l.args[0]?.value ?? '';
      const port = /^\d+$/.test(addr) ? addr : (/:(\d+)$/.exec(addr)?.[1] ?? (addr.startsWith('unix:') ? addr : '80'));
      return { directive: l, ssl: l.args.find((a) => a.value === 'ssl'), http2: l.args.find((a) => a.value === 'http2'), port };
    });
    const get = (name: string): readonly NginxDirective[] => ownByName.get(name) ?? httpByName.get(name) ?? [];
    const sslOn = get('ssl').some((d) => d.args[0]?.value === 'on');
    const returns = own.filter((d) => d.name === 'return' || d.name === 'rewrite');
    const redirectsToHttps = returns.some((d) => d.args.some((a) => HTTPS_REDIRECT.test(a.value)))
      || own.some((d) => d.name === 'location' && d.args.some((a) => a.value === '/') && (d.block ?? []).some((x) => (x.name === 'return' || x.name === 'rewrite') && x.args.some((a) => HTTPS_REDIRECT.test(a.value))));
    servers.push({
      directive: s,
      listens,
      names: (ownByName.get('server_name') ?? []).flatMap((d) => d.args),
      tls: listens.some((l) => l.ssl) || sslOn,
      get,
      inherited: (d) => !ownSet.has(d),
      redirectsToHttps,
    });
  }
  const lineStarts = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  let users: Map<NginxDirective, ServerBlock[]> | undefined;
  const serversUsing = (d: NginxDirective): readonly ServerBlock[] => {
    if (!users) {
      const m = new Map<NginxDirective, ServerBlock[]>();
      users = m;
      servers.forEach((srv, i) => {
        for (const name of new Set([...ownNames[i], ...httpByName.keys()])) {
          for (const e of srv.get(name)) {
            const l = m.get(e);
            if (l) l.push(srv);
            else m.set(e, [srv]);
          }
        }
      });
    }
    return users.get(d) ?? [];
  };
  return {
    parse: parsed,
    rootContext,
    httpVisible: !!httpBlock,
    servers,
    settings,
    isLocal: (d) => local.has(d),
    serversUsing,
    indentAt: (offset) => /^[ \t]*/.exec(text.slice(lineStarts(offset)))![0],
    unresolvedIncludes: unresolved.filter((d) => local.has(d)),
    limits: [
      ...parsed.limits,
      ...(x.exceeded && local.has(x.exceeded) ? [{ span: x.exceeded.span, message: `the include expansion budget is spent (${MAX_INCLUDE_EXPANSIONS.toLocaleString('en-US')} inclusions, where repeats of one file and includes that find nothing count too, or ${MAX_INCLUDED_DIRECTIVES.toLocaleString('en-US')} directives); the includes past it are not read` }] : []),
    ],
  };
}
