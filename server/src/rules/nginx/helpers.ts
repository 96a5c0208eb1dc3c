import { isIP } from 'node:net';
import type { Context, NginxArg, NginxDirective, NginxModel, ServerBlock } from '../../model/nginx';
import { PROFILES } from '../../nginx/directives';
import { compareVersions } from '../../util/version';
import type { RuleContext } from '../types';

export const nginxOf = (ctx: RuleContext): NginxModel | undefined => ctx.model.nginx;

export function atLeast(model: NginxModel, version: string): boolean {
  return compareVersions(model.settings.version, version) >= 0;
}

export function profileOf(model: NginxModel) {
  return PROFILES[model.settings.profile];
}

/** Every local directive outside mail {} and stream {}, with its context and the blocks around it. */
export function eachDirective(model: NginxModel, visit: (d: NginxDirective, context: Context | undefined, parents: readonly NginxDirective[]) => void): void {
  for (const p of model.directives()) visit(p.directive, p.context, p.parents);
}

/** Local directives of a name, outside mail {} and stream {}. */
export function named(model: NginxModel, name: string): NginxDirective[] {
  return [...model.named(name)];
}

/** The servers (of this file) to which a directive applies. */
export function serversUsing(model: NginxModel, d: NginxDirective): readonly ServerBlock[] {
  return model.serversUsing(d);
}

/** Where to report something about a server: its `ssl` listen parameter, else its first listen, else `server`. */
export function serverAnchor(s: ServerBlock): NginxArg | { span: { start: number; end: number } } {
  const ssl = s.listens.find((l) => l.ssl && s.directive.block?.includes(l.directive));
  if (ssl?.ssl) return ssl.ssl;
  const first = s.listens.find((l) => s.directive.block?.includes(l.directive));
  return first ? { span: first.directive.nameSpan } : { span: s.directive.nameSpan };
}

/** An edit inserting a whole line after a directive, at its indentation. */
export function insertLineAfter(model: NginxModel, after: NginxDirective, line: string): { span: { start: number; end: number }; newText: string } {
  const at = after.span.end;
  return { span: { start: at, end: at }, newText: `\n${model.indentAt(after.span.start)}${line}` };
}

export { hstsOfMoreSetHeaders, isHsts, sendsHsts } from '../../nginx/tls';

/**
 * Whether only TLS 1.3 is enabled wherever a directive applies: `ssl_ciphers` (TLS ≤ 1.2 suites)
 * and DH parameters then do nothing. Servers in view decide; without them, the file's ssl_protocols.
 */
export function onlyTls13(model: NginxModel, d: NginxDirective): boolean {
  const tls13Only = (p: NginxDirective | undefined) => !!p && p.args.length > 0 && p.args.every((a) => a.value === 'TLSv1.3');
  const servers = serversUsing(model, d);
  if (servers.length) return servers.every((s) => tls13Only(s.get('ssl_protocols').at(-1)));
  const protocols = named(model, 'ssl_protocols');
  return protocols.length > 0 && protocols.every(tls13Only);
}

/** Cipher string tokens with their offsets in the document. */
export function cipherTokens(arg: NginxArg): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  const base = arg.span.start + (arg.quoted ? 1 : 0);
  const re = /[^:, ]+/g;
  for (const m of arg.value.matchAll(re)) out.push({ token: m[0], start: base + m.index!, end: base + m.index! + m[0].length });
  return out;
}

/**
 * Local `ssl_stapling on` directives with a TLS server that lacks `directive` (own or inherited)
 * and `needs` it (default: every TLS server). A server without a TLS listener staples nothing.
 */
export function staplingWithout(model: NginxModel, directive: string, needs: (s: ServerBlock) => boolean = () => true): NginxDirective[] {
  return named(model, 'ssl_stapling').filter((d) => {
    if (d.args[0]?.value !== 'on') return false;
    return serversUsing(model, d).some((s) => s.tls && needs(s) && s.get(directive).length === 0);
  });
}

/**
 * Whether a server's stapling needs a resolver: not when it staples a file (`ssl_stapling_file`),
 * nor when its `ssl_stapling_responder` names the responder by IP address.
 */
export function staplingNeedsResolver(s: ServerBlock): boolean {
  if (s.get('ssl_stapling_file').length > 0) return false;
  const responder = s.get('ssl_stapling_responder').at(-1)?.args[0]?.value;
  if (responder) {
    const host = /^https?:\/\/(\[[^\]]+\]|[^/:]+)/i.exec(responder)?.[1]?.replace(/^\[|\]$/g, '');
    if (host && isIP(host)) return false;
  }
  return true;
}
