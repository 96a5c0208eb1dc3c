/**
 * The nginx directives TLS Lens knows: where nginx allows them, how many arguments they take, and
 * their documentation for hover and completion. Facts from the nginx documentation
 * (ngx_http_ssl_module, ngx_http_core_module, ngx_http_v2_module, ngx_http_headers_module, …).
 * Directives not listed here are not checked (nginx -t also rejects unknown directives; TLS Lens
 * only does so for the ssl_* family, which it knows whole).
 */
import { compareVersions } from '../util/version';
import type { Context } from '../model/nginx';
import { recommendedGroups } from './groups';

export interface DirectiveInfo {
  readonly contexts: readonly Context[];
  /** Argument count; max -1 = no limit. */
  readonly min: number;
  readonly max: number;
  readonly flag?: boolean;
  readonly block?: boolean;
  readonly syntax: string;
  readonly default?: string;
  readonly since?: string;
  /** Removed in this version (e.g. `ssl` in 1.25.1). */
  readonly removed?: string;
  /** The only values an argument may take (ssl_protocols and the like). */
  readonly values?: readonly string[];
  readonly doc: string;
}

const HS: Context[] = ['http', 'server'];
const HSL: Context[] = ['http', 'server', 'location'];
const HSLI: Context[] = ['http', 'server', 'location', 'if'];

const d = (
  contexts: Context[], min: number, max: number, syntax: string, doc: string, extra: Partial<DirectiveInfo> = {},
): DirectiveInfo => ({ contexts, min, max, syntax, doc, ...extra });
const flag = (contexts: Context[], def: string, doc: string, extra: Partial<DirectiveInfo> = {}): DirectiveInfo => ({
  contexts, min: 1, max: 1, flag: true, syntax: 'on | off', default: def, doc, ...extra,
});

export const DIRECTIVES: Readonly<Record<string, DirectiveInfo>> = {
  // ngx_http_ssl_module
  ssl: flag(
    HS, 'off',
    'Enables HTTPS for the server. Deprecated since 1.15.0 and removed in 1.25.1: use the `ssl` parameter of `listen`.',
    { removed: '1.25.1' },
  ),
  ssl_buffer_size: d(HS, 1, 1, 'size', 'Size of the buffer used for sending data.', { default: '16k', since: '1.5.9' }),
  ssl_certificate: d(HS, 1, 1, 'file', 'The certificate in PEM, followed by the intermediates (leaf first). May be repeated for RSA and ECDSA certificates.'),
  ssl_certificate_cache: d(
    HS, 1, 3, 'off | max=N [inactive=time] [valid=time]',
    'Cache of certificates and keys given with variables.',
    { default: 'off', since: '1.27.4' },
  ),
  ssl_certificate_compression: flag(HS, 'off', 'TLS 1.3 certificate compression.', { since: '1.29.1' }),
  ssl_certificate_key: d(HS, 1, 1, 'file', 'The private key of `ssl_certificate`, in PEM. Must match the certificate.'),
  ssl_ciphers: d(HS, 1, 1, 'ciphers', 'TLS 1.2 and older cipher suites, in OpenSSL format (TLS 1.3 suites are not set here).', { default: 'HIGH:!aNULL:!MD5' }),
  ssl_client_certificate: d(HS, 1, 1, 'file', 'CA certificates (PEM) that verify client certificates (mTLS) and are sent to clients in the request.'),
  ssl_conf_command: d(HS, 2, 2, 'name value', 'Arbitrary OpenSSL configuration commands.', { since: '1.19.4' }),
  ssl_crl: d(HS, 1, 1, 'file', 'Revoked certificates (CRL, PEM) used to verify client certificates.', { since: '0.8.7' }),
  ssl_dhparam: d(HS, 1, 1, 'file', 'DH parameters for DHE cipher suites (at least 2048 bits, e.g. Mozilla ffdhe2048).', { since: '0.7.2' }),
  ssl_early_data: flag(HS, 'off', 'TLS 1.3 early data (0-RTT): replayable, enable only for idempotent requests.', { since: '1.15.3' }),
  ssl_ecdh_curve: d(HS, 1, 1, 'curve', 'Curves for ECDHE key exchange, e.g. X25519:prime256v1:secp384r1.', { default: 'auto', since: '1.1.0' }),
  ssl_ech_file: d(HS, 1, 1, 'file', 'Encrypted Client Hello keys.', { since: '1.29.4' }),
  ssl_key_log: d(HS, 1, 1, 'path', 'Writes TLS key material for debugging. Never in production.', { since: '1.27.2' }),
  ssl_ocsp: d(
    HS, 1, 1, 'on | off | leaf',
    'OCSP validation of the client certificate chain.',
    { default: 'off', since: '1.19.0', values: ['on', 'off', 'leaf'] },
  ),
  ssl_ocsp_cache: d(HS, 1, 1, 'off | [shared:name:size]', 'Cache for OCSP validation of client certificates.', { default: 'off', since: '1.19.0' }),
  ssl_ocsp_responder: d(HS, 1, 1, 'url', 'Overrides the OCSP responder URL for client certificates.', { since: '1.19.0' }),
  ssl_password_file: d(HS, 1, 1, 'file', 'Passphrases for encrypted private keys, one per line.', { since: '1.7.3' }),
  ssl_prefer_server_ciphers: flag(
    HS, 'off',
    'Prefer the server\'s cipher order. Mozilla 6.0 recommends off: every allowed suite is strong, and clients know best what they accelerate.',
  ),
  ssl_protocols: d(
    HS, 1, 6, '[SSLv2] [SSLv3] [TLSv1] [TLSv1.1] [TLSv1.2] [TLSv1.3]',
    'Enabled protocols. Default TLSv1.2 TLSv1.3 since 1.27.3; TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 from 1.23.4; TLSv1 TLSv1.1 TLSv1.2 before. '
      + 'OpenSSL 3.0 and later negotiate TLSv1 and TLSv1.1 only at security level 0 (`@SECLEVEL=0` in ssl_ciphers).',
    { default: 'TLSv1.2 TLSv1.3', values: ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] },
  ),
  ssl_reject_handshake: flag(HS, 'off', 'Rejects handshakes in this server (a default server without a certificate).', { since: '1.19.4' }),
  ssl_session_cache: d(
    HS, 1, 2, 'off | none | [builtin[:size]] [shared:name:size]',
    'Session cache; shared:NAME:10m holds about 40,000 sessions.',
    { default: 'none' },
  ),
  ssl_session_ticket_key: d(HS, 1, 1, 'file', 'Key file for session tickets (rotate it, or turn tickets off).', { since: '1.5.7' }),
  ssl_session_tickets: flag(
    HS, 'on',
    'Session resumption with tickets. Before 1.23.2 the ticket key is never rotated, which breaks forward secrecy: set off there.',
    { since: '1.5.9' },
  ),
  ssl_session_timeout: d(HS, 1, 1, 'time', 'How long a session may be reused.', { default: '5m' }),
  ssl_stapling: flag(
    HS, 'off',
    'OCSP stapling. Needs a `resolver` to reach the OCSP responder, and `ssl_trusted_certificate` to verify the response.',
    { since: '1.3.7' },
  ),
  ssl_stapling_file: d(HS, 1, 1, 'file', 'A pre-fetched OCSP response to staple.', { since: '1.3.7' }),
  ssl_stapling_responder: d(HS, 1, 1, 'url', 'Overrides the OCSP responder URL.', { since: '1.3.7' }),
  ssl_stapling_verify: flag(HS, 'off', 'Verifies OCSP responses (needs `ssl_trusted_certificate`).', { since: '1.3.7' }),
  ssl_trusted_certificate: d(
    HS, 1, 1, 'file',
    'CA certificates (PEM) that verify client certificates and OCSP responses; not sent to clients.',
    { since: '1.3.7' },
  ),
  ssl_verify_client: d(
    HS, 1, 1, 'on | off | optional | optional_no_ca',
    'Client certificate verification (mTLS); `on` needs `ssl_client_certificate`.',
    { default: 'off', values: ['on', 'off', 'optional', 'optional_no_ca'] },
  ),
  ssl_verify_depth: d(HS, 1, 1, 'number', 'Maximum depth of the client certificate chain.', { default: '1' }),
  // ngx_http_proxy_module (TLS to upstreams)
  proxy_ssl_certificate: d(HSL, 1, 1, 'file', 'Client certificate presented to the upstream (mTLS).', { since: '1.7.8' }),
  proxy_ssl_certificate_key: d(HSL, 1, 1, 'file', 'Key of proxy_ssl_certificate.', { since: '1.7.8' }),
  proxy_ssl_ciphers: d(HSL, 1, 1, 'ciphers', 'Ciphers for TLS to the upstream.', { default: 'DEFAULT', since: '1.5.6' }),
  proxy_ssl_protocols: d(
    HSL, 1, 6, '[SSLv2] [SSLv3] [TLSv1] [TLSv1.1] [TLSv1.2] [TLSv1.3]',
    'Protocols for TLS to the upstream.',
    { default: 'TLSv1.2 TLSv1.3', since: '1.5.6', values: ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] },
  ),
  proxy_ssl_name: d(HSL, 1, 1, 'name', 'Name used to verify the upstream certificate and for SNI.', { default: '$proxy_host', since: '1.7.0' }),
  proxy_ssl_server_name: flag(HSL, 'off', 'Send SNI to the upstream.', { since: '1.7.0' }),
  proxy_ssl_session_reuse: flag(HSL, 'on', 'Reuse TLS sessions with the upstream.'),
  proxy_ssl_trusted_certificate: d(HSL, 1, 1, 'file', 'CA certificates (PEM) that verify the upstream certificate.', { since: '1.7.0' }),
  proxy_ssl_verify: flag(HSL, 'off', 'Verify the upstream certificate (off by default: nginx does not check who it talks to).', { since: '1.7.0' }),
  proxy_ssl_verify_depth: d(HSL, 1, 1, 'number', 'Maximum depth of the upstream certificate chain.', { default: '1', since: '1.7.0' }),
  // ngx_http_v2_module
  http2: flag(HS, 'off', 'HTTP/2 for the server (replaces the `http2` parameter of `listen`).', { since: '1.25.1' }),
  // ngx_core / ngx_http_core_module / others TLS Lens reads
  http: d(['main'], 0, 0, 'http { … }', 'The HTTP server configuration.', { block: true }),
  events: d(['main'], 0, 0, 'events { … }', 'Connection processing.', { block: true }),
  stream: d(['main'], 0, 0, 'stream { … }', 'TCP/UDP proxying.', { block: true }),
  mail: d(['main'], 0, 0, 'mail { … }', 'Mail proxying.', { block: true }),
  worker_processes: d(['main'], 1, 1, 'number | auto', 'Worker processes.'),
  worker_connections: d(['events'], 1, 1, 'number', 'Connections per worker.'),
  user: d(['main'], 1, 2, 'user [group]', 'User and group of the workers.'),
  pid: d(['main'], 1, 1, 'file', 'Process id file.'),
  server: d(['http', 'upstream', 'stream', 'mail'], 0, -1, 'server { … }', 'A virtual server.'),
  listen: d(
    ['server'], 1, -1, 'address[:port] [default_server] [ssl] [http2 | quic] …',
    'Address and port; `ssl` makes it a TLS listener.',
    { default: '*:80 | *:8000' },
  ),
  server_name: d(['server'], 1, -1, 'name …', 'The server\'s names: each must be covered by the certificate\'s SANs.', { default: '""' }),
  location: d(['server', 'location'], 1, 2, 'location [ = | ~ | ~* | ^~ ] uri { … }', 'Configuration by request URI.', { block: true }),
  if: d(['server', 'location'], 1, -1, 'if (condition) { … }', 'Conditional configuration.', { block: true }),
  add_header: d(
    HSLI, 2, 3, 'name value [always]',
    'Adds a response header. Without `always` it is sent only for 2xx/3xx responses. Inherited only when the level has no add_header of its own.',
  ),
  resolver: d(
    HSL, 1, -1, 'address … [valid=time] [ipv4=on|off] [ipv6=on|off] [status_zone=zone]',
    'DNS resolver (needed by OCSP stapling to reach the responder).',
  ),
  resolver_timeout: d(HSL, 1, 1, 'time', 'Resolver timeout.', { default: '30s' }),
  return: d(['server', 'location', 'if'], 1, 2, 'code [text] | code URL | URL', 'Stops processing and returns a code, or redirects.'),
  rewrite: d(['server', 'location', 'if'], 2, 3, 'regex replacement [flag]', 'Rewrites the URI (redirect, permanent, last, break).'),
  root: d(HSLI, 1, 1, 'path', 'Document root.', { default: 'html' }),
  proxy_pass: d(['location', 'if', 'limit_except'], 1, 1, 'URL', 'Proxies to an upstream.'),
  keepalive_timeout: d(HSL, 1, 2, 'timeout [header_timeout]', 'Keep-alive timeout.', { default: '75s' }),
  error_page: d(HSLI, 2, -1, 'code … [=[response]] uri', 'Error pages.'),
  try_files: d(['server', 'location'], 2, -1, 'file … uri', 'Checks files in order.'),
  set: d(['server', 'location', 'if'], 2, 2, '$variable value', 'Sets a variable.'),
  include: d(
    ['main', 'events', 'http', 'server', 'location', 'if', 'upstream', 'limit_except', 'stream', 'mail'], 1, 1, 'file | mask',
    'Includes files (relative to the configuration prefix); globs allowed.',
  ),
};

/** The Mozilla Server Side TLS 6.0 profiles (ssl-config.mozilla.org/guidelines/6.0.json). */
export const PROFILES = {
  intermediate: {
    protocols: ['TLSv1.2', 'TLSv1.3'],
    ciphers: [
      'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
    ],
    hstsMinAge: 63072000,
  },
  modern: {
    protocols: ['TLSv1.3'],
    ciphers: [] as string[],
    hstsMinAge: 63072000,
  },
} as const;
export type Profile = keyof typeof PROFILES;

/** The recommendation shown in hover for a directive, per profile. */
export function recommendation(name: string, profile: Profile, openssl = '3.0'): string | undefined {
  const p = PROFILES[profile];
  switch (name) {
    case 'ssl_protocols': return `${p.protocols.join(' ')}`;
    case 'ssl_ciphers': return profile === 'modern' ? 'not needed: TLS 1.3 suites are not set with ssl_ciphers' : p.ciphers.join(':');
    case 'ssl_prefer_server_ciphers': return 'off';
    case 'ssl_session_tickets': return 'off before nginx 1.23.2; the default (on) from 1.23.2';
    case 'ssl_session_timeout': return '1d';
    case 'ssl_session_cache': return 'shared:MozSSL:10m';
    case 'ssl_stapling': case 'ssl_stapling_verify': return 'on (with a resolver and ssl_trusted_certificate)';
    case 'ssl_ecdh_curve':
      return `${recommendedGroups(openssl)} (for OpenSSL ${openssl}, tlsLens.nginx.openssl`
        + `${compareVersions(openssl, '3.5') < 0 ? '; from 3.5, X25519MLKEM768 first' : ''})`;
    case 'add_header': return `Strict-Transport-Security "max-age=${p.hstsMinAge}" always`;
    default: return undefined;
  }
}
