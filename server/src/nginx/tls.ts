/**
 * What an nginx server's TLS settings amount to, read the way nginx reads them: the protocols in
 * force (with the version's defaults, as far as the OpenSSL it links goes), the HSTS header (add_header, headers-more's
 * more_set_headers, or ngx_security_headers' `security_headers on`). Shared by the rules and the predicted grade, so they
 * never disagree.
 */
import type { NginxArg, NginxDirective, NginxModel, ServerBlock } from '../model/nginx';
import { compareVersions } from '../util/version';

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

/**
 * The header ngx_security_headers sends over https with `security_headers on` (its source, GetPageSpeed/ngx_security_headers
 * src/ngx_http_security_headers_module.c: a fixed max-age of one year, `preload` unless `security_headers_hsts_preload off`).
 */
export function hstsOfSecurityHeaders(s: ServerBlock): string | undefined {
  if (s.get('security_headers').at(-1)?.args[0]?.value !== 'on') return undefined;
  const preload = s.get('security_headers_hsts_preload').at(-1)?.args[0]?.value !== 'off';
  return `max-age=31536000; includeSubDomains${preload ? '; preload' : ''}`;
}

/** The Strict-Transport-Security value a server sends (add_header, then more_set_headers, then security_headers), or undefined. */
export function hstsValue(s: ServerBlock): string | undefined {
  const added = s.get('add_header').find(isHsts);
  if (added) return added.args[1]?.value ?? '';
  for (const d of s.get('more_set_headers')) {
    const h = hstsOfMoreSetHeaders(d);
    if (h) return h.value;
  }
  return hstsOfSecurityHeaders(s);
}

/** Whether a server sends HSTS: `add_header Strict-Transport-Security`, headers-more's `more_set_headers`, or `security_headers on`. */
export function sendsHsts(s: ServerBlock): boolean {
  return hstsValue(s) !== undefined;
}

/**
 * nginx's own `ssl_protocols` default for a version (nginx CHANGES: TLSv1.3 enabled by default in
 * 1.23.4; TLSv1 and TLSv1.1 disabled by default in 1.27.3).
 */
export function nginxDefaultProtocols(version: string): string[] {
  if (compareVersions(version, '1.23.4') < 0) return ['TLSv1', 'TLSv1.1', 'TLSv1.2'];
  if (compareVersions(version, '1.27.3') < 0) return ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  return ['TLSv1.2', 'TLSv1.3'];
}

/**
 * Whether the OpenSSL nginx links (`tlsLens.nginx.openssl`) negotiates a protocol for a server:
 * SSLv2 and SSLv3 are gone from OpenSSL 1.1.0 builds (SSLv2 removed, SSLv3 off at build time);
 * from 3.0, SSL 3, TLS 1.0 and TLS 1.1 need security level 0 (OpenSSL 3.0 CHANGES), which
 * `@SECLEVEL=0` in ssl_ciphers sets; TLS 1.3 needs 1.1.1.
 */
export function negotiated(protocol: string, s: ServerBlock, model: NginxModel): boolean {
  const openssl = model.settings.openssl;
  switch (protocol) {
    case 'SSLv2': case 'SSLv3': return compareVersions(openssl, '1.1.0') < 0;
    case 'TLSv1': case 'TLSv1.1': return compareVersions(openssl, '3.0') < 0 || /@SECLEVEL=0/i.test(s.get('ssl_ciphers').at(-1)?.args[0]?.value ?? '');
    case 'TLSv1.3': return compareVersions(openssl, '1.1.1') >= 0;
    default: return true;
  }
}

/** The protocols a server asks for: its ssl_protocols, else nginx's default for the version. */
export function configuredProtocols(s: ServerBlock, model: NginxModel): { protocols: string[]; byDefault: boolean } {
  const set = s.get('ssl_protocols').at(-1)?.args.map((a) => a.value);
  return set?.length ? { protocols: set, byDefault: false } : { protocols: nginxDefaultProtocols(model.settings.version), byDefault: true };
}

/** The protocols a server offers: those it asks for that the OpenSSL it links negotiates. */
export function effectiveProtocols(s: ServerBlock, model: NginxModel): string[] {
  return configuredProtocols(s, model).protocols.filter((p) => negotiated(p, s, model));
}

/**
 * A certificate path in certbot's layout for Let's Encrypt (`/etc/letsencrypt/live/<name>/…`, the `archive/` files it
 * links to): Let's Encrypt certificates by their path, when the file itself is not at hand.
 */
export function isLetsEncryptPath(p: string): boolean {
  return /^\/etc\/letsencrypt\/(live|archive)\/[^/]+\//.test(p);
}
