/**
 * What an nginx server's TLS settings amount to, read the way nginx reads them: the protocols in
 * force (with the version's defaults), the HSTS header (add_header or headers-more's
 * more_set_headers). Shared by the rules and the predicted grade, so they never disagree.
 */
import type { NginxArg, NginxDirective } from '../parse/nginx';
import type { NginxModel, ServerBlock } from '../model/nginx';
import { compareVersions } from './directives';

export function isHsts(d: NginxDirective): boolean {
  return d.name === 'add_header' && d.args[0]?.value.toLowerCase() === 'strict-transport-security';
}

/** `more_set_headers "Strict-Transport-Security: …"` (the headers-more module; every status code, like `always`). */
export function hstsOfMoreSetHeaders(d: NginxDirective): { arg: NginxArg; value: string; valueStart: number } | undefined {
  if (d.name !== 'more_set_headers') return undefined;
  for (const arg of d.args) {
    const m = /^\s*strict-transport-security\s*:\s*/i.exec(arg.value);
    if (m) return { arg, value: arg.value.slice(m[0].length), valueStart: arg.span.start + (arg.quoted ? 1 : 0) + m[0].length };
  }
  return undefined;
}

/** The Strict-Transport-Security value a server sends (add_header first, then more_set_headers), or undefined. */
export function hstsValue(s: ServerBlock): string | undefined {
  const added = s.get('add_header').find(isHsts);
  if (added) return added.args[1]?.value ?? '';
  for (const d of s.get('more_set_headers')) {
    const h = hstsOfMoreSetHeaders(d);
    if (h) return h.value;
  }
  return undefined;
}

/** Whether a server sends HSTS: `add_header Strict-Transport-Security` or headers-more's `more_set_headers`. */
export function sendsHsts(s: ServerBlock): boolean {
  return hstsValue(s) !== undefined;
}

/** The protocols a server enables: its ssl_protocols, else nginx's default for the version (TLSv1 and 1.1 before 1.23.4). */
export function effectiveProtocols(s: ServerBlock, model: NginxModel): string[] {
  const set = s.get('ssl_protocols').at(-1)?.args.map((a) => a.value);
  if (set?.length) return set;
  return compareVersions(model.settings.version, '1.23.4') < 0 ? ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] : ['TLSv1.2', 'TLSv1.3'];
}
