/**
 * What an nginx configuration says about TLS: its server blocks with the directives that apply to
 * each (their own, else inherited from http {}), includes expanded from the workspace. Directives
 * of this document are "local": rules report only on those.
 */
import * as path from 'node:path';
import { parseNginx } from '../parse/nginx';
import type { NginxArg, NginxDirective, NginxParseResult } from '../parse/nginx';
import { budgetLimit, expand, newExpansion } from './nginxIncludes';
import { directiveNamedAt, indexDirectives } from './nginxWalk';
import type { Context, DirectiveIndex, PlacedDirective } from './nginxWalk';
import type { EngineHost } from '../core/host';
import { DEFAULTS } from '../defaults';

export type { NginxArg, NginxDirective } from '../parse/nginx';
export type { Context, PlacedDirective } from './nginxWalk';

export interface NginxSettings {
  readonly profile: 'intermediate' | 'modern';
  readonly version: string;
  /** Where relative includes resolve when not found beside the file (nginx's prefix). */
  readonly prefix: string;
  /** The OpenSSL version nginx links (which key-exchange groups load). */
  readonly openssl: string;
}

export const DEFAULT_NGINX_SETTINGS: NginxSettings = {
  profile: DEFAULTS.nginxProfile, version: DEFAULTS.nginxVersion, prefix: DEFAULTS.nginxPrefix, openssl: DEFAULTS.nginxOpenssl,
};

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
  /** The local directives outside mail {} and stream {}, in document order, with their contexts (walked once, on first use). */
  directives(): readonly PlacedDirective[];
  /** The local directives of a name, outside mail {} and stream {}. */
  named(name: string): readonly NginxDirective[];
  /** The local directive whose name holds an offset (mail {} and stream {} included): the innermost. */
  directiveAt(offset: number): NginxDirective | undefined;
  /** The server block whose `server` holds an offset (or the two characters after a bare `server`: ` {`). */
  serverAt(offset: number): ServerBlock | undefined;
}

const MAIN_ONLY = new Set(['http', 'events', 'worker_processes', 'user', 'pid', 'load_module', 'worker_rlimit_nofile', 'stream', 'mail']);

function rootContextOf(directives: readonly NginxDirective[]): Context | undefined {
  if (directives.some((d) => MAIN_ONLY.has(d.name))) return 'main';
  if (directives.some((d) => d.name === 'server' && d.block)) return 'http';
  if (directives.some((d) => d.name === 'location' || d.name === 'listen' || d.name === 'server_name')) return 'server';
  return undefined;
}

export function buildNginxModel(text: string, filePath: string, settings: NginxSettings, host?: EngineHost): NginxModel {
  const parsed = parseNginx(text);
  const local = localDirectives(parsed.directives);
  const rootContext = rootContextOf(parsed.directives);
  const x = newExpansion(path.dirname(filePath), settings.prefix, host);
  const top = expand(parsed.directives, x);
  const httpBlock = top.find((d) => d.name === 'http' && d.block);
  const httpLevel = httpBlock ? expand(httpBlock.block!, x) : rootContext === 'http' ? top : [];
  const httpByName = byName(httpLevel, 'server');
  const built = httpLevel.filter((d) => d.name === 'server' && d.block && local.has(d)).map((s) => buildServer(s, expand(s.block!, x), httpByName));
  const servers = built.map((b) => b.server);
  let users: ReadonlyMap<NginxDirective, readonly ServerBlock[]> | undefined;
  let walked: DirectiveIndex | undefined;
  const index = () => (walked ??= indexDirectives(parsed.directives, rootContext));
  return {
    parse: parsed,
    rootContext,
    httpVisible: !!httpBlock,
    servers,
    settings,
    isLocal: (d) => local.has(d),
    serversUsing: (d) => (users ??= serverUsers(built, [...httpByName.keys()])).get(d) ?? [],
    directives: () => index().all,
    named: (name) => index().byName.get(name) ?? [],
    directiveAt: (offset) => directiveNamedAt(parsed.directives, offset),
    serverAt: (offset) => servers.find((s) => offset >= s.directive.nameSpan.start && offset <= s.directive.nameSpan.end + (s.directive.args.length ? 0 : 2)),
    indentAt: (offset) => indentAt(text, offset),
    unresolvedIncludes: x.unresolved.filter((d) => local.has(d)),
    limits: x.exceeded && local.has(x.exceeded) ? [...parsed.limits, budgetLimit(x.exceeded)] : [...parsed.limits],
  };
}

/** The directives of the document itself, at every depth (those that includes bring are not). */
function localDirectives(directives: readonly NginxDirective[]): WeakSet<NginxDirective> {
  const local = new WeakSet<NginxDirective>();
  const mark = (list: readonly NginxDirective[]) => list.forEach((d) => { local.add(d); if (d.block) mark(d.block); });
  mark(directives);
  return local;
}

function byName(list: readonly NginxDirective[], skip?: string): Map<string, NginxDirective[]> {
  const m = new Map<string, NginxDirective[]>();
  for (const d of list) {
    if (d.name === skip) continue;
    const l = m.get(d.name);
    if (l) l.push(d);
    else m.set(d.name, [d]);
  }
  return m;
}

/** A server block, and the names of its own directives (includes expanded). */
interface BuiltServer {
  readonly server: ServerBlock;
  readonly ownNames: readonly string[];
}

/** A server block from its own directives (`own`, includes expanded) and those of http {} it inherits. */
function buildServer(s: NginxDirective, own: readonly NginxDirective[], httpByName: ReadonlyMap<string, readonly NginxDirective[]>): BuiltServer {
  const ownSet = new Set(own);
  const ownByName = byName(own);
  const listens = (ownByName.get('listen') ?? []).map(listenOf);
  const get = (name: string): readonly NginxDirective[] => ownByName.get(name) ?? httpByName.get(name) ?? [];
  const sslOn = get('ssl').some((d) => d.args[0]?.value === 'on');
  const server: ServerBlock = {
    directive: s,
    listens,
    names: (ownByName.get('server_name') ?? []).flatMap((d) => d.args),
    tls: listens.some((l) => l.ssl) || sslOn,
    get,
    inherited: (d) => !ownSet.has(d),
    redirectsToHttps: redirectsToHttps(own),
  };
  return { server, ownNames: [...ownByName.keys()] };
}

function listenOf(l: NginxDirective): Listen {
  const addr = l.args[0]?.value ?? '';
  const port = /^\d+$/.test(addr) ? addr : (/:(\d+)$/.exec(addr)?.[1] ?? (addr.startsWith('unix:') ? addr : '80'));
  return { directive: l, ssl: l.args.find((a) => a.value === 'ssl'), http2: l.args.find((a) => a.value === 'http2'), port };
}

const HTTPS_REDIRECT = /^https:\/\//;

/** A `return` or `rewrite` to https:// in the server, or in its `location /`. */
function redirectsToHttps(own: readonly NginxDirective[]): boolean {
  const redirects = (d: NginxDirective) => (d.name === 'return' || d.name === 'rewrite') && d.args.some((a) => HTTPS_REDIRECT.test(a.value));
  return own.some(redirects) || own.some((d) => d.name === 'location' && d.args.some((a) => a.value === '/') && (d.block ?? []).some(redirects));
}

/** For each directive, the servers it applies to: their own, and those of http {} they inherit. */
function serverUsers(built: readonly BuiltServer[], httpNames: readonly string[]): Map<NginxDirective, ServerBlock[]> {
  const users = new Map<NginxDirective, ServerBlock[]>();
  for (const { server, ownNames } of built) {
    for (const name of new Set([...ownNames, ...httpNames])) {
      for (const d of server.get(name)) {
        const l = users.get(d);
        if (l) l.push(server);
        else users.set(d, [server]);
      }
    }
  }
  return users;
}

/** The indentation of the line where an offset sits. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
