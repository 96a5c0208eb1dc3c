/**
 * The one validator of every name generation writes, whatever its source (a CLI option, an
 * editor command's argument, a value of a configuration file): each name is checked against the
 * rule of what consumes it, before anything is made or written.
 *
 * - Host names (SANs): RFC 1123 labels (letters, digits, hyphens, at most 63 characters, at most
 *   253 in all), a wildcard only as the whole left-most label and never over a public suffix,
 *   internationalised names as punycode A-labels (node's `url.domainToASCII`), IP literals as IP
 *   addresses (RFC 5280 §4.2.1.6, RFC 6125 §6.4.3, RFC 9525).
 * - Kubernetes object names (Secrets, ConfigMaps) as DNS-1123 subdomains, namespaces as DNS-1123
 *   labels, Secret and ConfigMap keys as Kubernetes checks them (`IsConfigMapKey`).
 * - File names within the file system's limits (one path segment, at most 255 bytes, never `.` or
 *   `..`, no NUL) and without control characters (they break every listing of the folder).
 * - X.509 name values: at most 64 characters for a CN and an O (RFC 5280 ub-common-name,
 *   ub-organization-name), no control characters.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { GenerateInputError } from './errors';

/** A value as a message shows it: in quotes, control characters and backslashes escaped, a long one cut (with its length). */
export function shown(v: string): string {
  const chars = [...v];
  const cut = chars.length > 64 ? `${chars.slice(0, 20).join('')}… (${chars.length} characters)` : v;
  const escaped = cut.replace(/[\\\u0000-\u001f\u007f-\u009f]/g, (c) => (
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  ));
  return `'${escaped}'`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Public suffixes of more than one label: a wildcard may sit on none of them, nor on any single
 * label (every top-level domain). Built in, no network: the most used second-level suffixes of the
 * Public Suffix List's ICANN section and a few of its private section's hosting platforms.
 */
const PUBLIC_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk', 'nhs.uk', 'sch.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'asn.au', 'id.au', 'co.nz', 'net.nz', 'org.nz', 'govt.nz', 'ac.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'ed.jp', 'gr.jp', 'lg.jp', 'co.kr', 'or.kr', 'ne.kr', 'go.kr', 'ac.kr',
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'ac.cn', 'com.hk', 'org.hk', 'net.hk', 'gov.hk', 'edu.hk',
  'com.tw', 'net.tw', 'org.tw', 'gov.tw', 'edu.tw', 'idv.tw', 'com.sg', 'net.sg', 'org.sg', 'gov.sg', 'edu.sg',
  'co.in', 'net.in', 'org.in', 'firm.in', 'gen.in', 'ind.in', 'ac.in', 'edu.in', 'gov.in', 'co.id', 'or.id', 'ac.id', 'go.id',
  'com.my', 'net.my', 'org.my', 'gov.my', 'com.ph', 'com.vn', 'co.th', 'in.th', 'ac.th', 'go.th',
  'co.za', 'org.za', 'net.za', 'gov.za', 'ac.za', 'com.ng', 'co.ke', 'or.ke', 'com.eg',
  'com.br', 'net.br', 'org.br', 'gov.br', 'edu.br', 'com.ar', 'org.ar', 'gob.ar', 'com.mx', 'org.mx', 'gob.mx', 'edu.mx',
  'com.co', 'com.pe', 'com.uy', 'co.ve', 'com.tr', 'net.tr', 'org.tr', 'gov.tr', 'edu.tr', 'co.il', 'org.il', 'ac.il', 'gov.il',
  'com.sa', 'com.pk', 'com.ua', 'org.ua', 'com.pl', 'net.pl', 'org.pl', 'co.at', 'or.at', 'ac.at', 'gv.at', 'com.es', 'org.es',
  'com.pt', 'com.gr', 'co.hu', 'com.ru', 'org.ru', 'net.ru',
  'github.io', 'gitlab.io', 'herokuapp.com', 'appspot.com', 'blogspot.com', 'cloudfront.net', 'azurewebsites.net',
  'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'web.app', 'firebaseapp.com', 's3.amazonaws.com',
]);

export type Host = { readonly kind: 'dns' | 'ip'; readonly value: string };
export type Problem = { readonly problem: string };

/** An IP address as a certificate holds it (brackets around IPv6 taken off), or why it is none. */
export function parseIp(raw: string): { readonly value: string } | Problem {
  const v = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  const zone = v.indexOf('%');
  if (zone > 0 && isIP(v.slice(0, zone)) === 6) return { problem: `has a zone (${v.slice(zone)}), which a certificate cannot hold` };
  const kind = isIP(v);
  if (kind === 4) return { value: v };
  if (kind === 6) return { value: v.toLowerCase() };
  return { problem: 'is not an IP address (IPv4: four numbers of 0-255 without leading zeros; IPv6: hexadecimal groups)' };
}

/** Why a DNS name cannot be in a certificate, or its normal form (lower case, A-labels). */
function dnsName(raw: string): { readonly value: string } | Problem {
  if (!raw) return { problem: 'it is empty' };
  if (CONTROL.test(raw)) return { problem: 'it holds a control character' };
  const wildcard = raw.startsWith('*.');
  const rest = wildcard ? raw.slice(2) : raw;
  if (rest.includes('*')) return { problem: 'a wildcard is allowed only as the whole left-most label (*.example.com)' };
  if (rest.endsWith('.')) return { problem: 'it ends with a dot (write the name without it)' };
  for (const l of rest.split('.')) {
    if (!l) return { problem: 'it has an empty label (two dots in a row, or a leading dot)' };
    if ([...l].length > 63) return { problem: `its label ${shown(l)} is longer than 63 characters` };
  }
  const ascii = /[^\u0000-\u007f]/.test(rest) || /(^|\.)xn--/i.test(rest) ? domainToASCII(rest) : rest.toLowerCase();
  if (!ascii) return { problem: 'it is not a valid internationalised domain name' };
  const labels = ascii.split('.');
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return { problem: `its label ${shown(bad)} holds other than letters, digits and hyphens (or a hyphen at an end)` };
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return { problem: 'it ends in a number, so it is no DNS name; nor is it an IP address (IPv4: four numbers of 0-255 without leading zeros)' };
  }
  if (ascii.length + (wildcard ? 2 : 0) > 253) return { problem: 'it is longer than 253 characters' };
  if (wildcard && (labels.length === 1 || PUBLIC_SUFFIXES.has(ascii))) return { problem: `a wildcard over a public suffix (${ascii})` };
  return { value: wildcard ? `*.${ascii}` : ascii };
}

/** A host name from any source: an IP literal as an IP address, a DNS name in its normal form, or why it is neither. */
export function parseHost(raw: string): Host | Problem {
  const v = raw.trim();
  const ip = parseIp(v);
  if ('value' in ip) return { kind: 'ip', value: ip.value };
  if (/%/.test(v) && !('value' in parseIp(v.split('%')[0]))) return { problem: 'it holds a %' };
  if (/%/.test(v)) return ip;
  const dns = dnsName(v);
  return 'value' in dns ? { kind: 'dns', value: dns.value } : dns;
}

const hostRefused = (raw: string, problem: string) => new GenerateInputError(`${shown(raw)} is not a host name a certificate can hold: ${problem}`);

/** Host names (DNS names and IP literals mixed, as an editor command or a configuration gives them), split and normalised; refuses the first that is neither. */
export function splitHosts(names: readonly string[]): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const raw of names) {
    if (!raw.trim()) continue;
    const h = parseHost(raw);
    if ('problem' in h) throw hostRefused(raw, h.problem);
    const list = h.kind === 'ip' ? ip : dns;
    if (!list.includes(h.value)) list.push(h.value);
  }
  return { dns, ip };
}

/** `--ip` values: IP addresses only. */
export function ipAddresses(values: readonly string[], option = '--ip'): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const r = parseIp(raw.trim());
    if ('problem' in r) throw new GenerateInputError(`${option} ${shown(raw)} ${r.problem}`);
    if (!out.includes(r.value)) out.push(r.value);
  }
  return out;
}

/** The SANs of a certificate or CSR, checked and normalised: what issueLeaf and makeCsr put in one. */
export function sanNames(dns: readonly string[] = [], ip: readonly string[] = []): { dns: string[]; ip: string[] } {
  const out = splitHosts(dns);
  for (const i of ipAddresses(ip, 'the IP address')) if (!out.ip.includes(i)) out.ip.push(i);
  return out;
}

const KUBE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KUBE_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Secret's or ConfigMap's name (`what`: "the Secret name"), as Kubernetes accepts it: a DNS-1123 subdomain. */
export function kubeName(what: string, v: string): string {
  if (v.length > 253 || !KUBE_NAME.test(v)) {
    throw new GenerateInputError(
      `${what} ${shown(v)} is not a Kubernetes object name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and `
        + 'ending with a letter or digit, at most 253 characters)',
    );
  }
  return v;
}

/** A namespace, as Kubernetes accepts it: a DNS-1123 label. */
export function kubeNamespace(v: string): string {
  if (v.length > 63 || !KUBE_LABEL.test(v)) {
    throw new GenerateInputError(
      `the namespace ${shown(v)} is not a Kubernetes namespace (DNS-1123 label: lower-case letters, digits and '-', starting and ending `
        + 'with a letter or digit, at most 63 characters)',
    );
  }
  return v;
}

/** A key of a Secret's or ConfigMap's data, as Kubernetes accepts it. */
export function kubeDataKey(v: string): string {
  if (v.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(v) || v === '.' || v.startsWith('..')) {
    throw new GenerateInputError(
      `the key ${shown(v)} is not a Secret or ConfigMap key (letters, digits, '-', '_' and '.', not '.' and not starting with '..', at most 253 characters)`,
    );
  }
  return v;
}

/** Why one segment of a path cannot be a file or folder name, or undefined. */
export function fileNameProblem(seg: string): string | undefined {
  if (!seg) return 'is empty';
  if (seg === '.' || seg === '..') return 'is . or ..';
  if (/[/\\]/.test(seg)) return 'holds a / or \\ (a file name, not a path)';
  if (CONTROL.test(seg)) return 'holds a control character';
  if (Buffer.byteLength(seg, 'utf8') > 255) return 'is longer than 255 bytes, the most a file system allows in a name';
  return undefined;
}

/** A file name (`what`: "--name"), checked. */
export function fileName(what: string, v: string): string {
  const p = fileNameProblem(v);
  if (p) throw new GenerateInputError(`${what} ${shown(v)} ${p}`);
  return v;
}

/** Why a path of a plan (relative, `/`-separated) cannot be written, or undefined. */
export function planPathProblem(rel: string): string | undefined {
  for (const seg of rel.split('/')) {
    const p = fileNameProblem(seg);
    if (p) return `${shown(rel)} cannot be a file of the output folder: ${shown(seg)} ${p}`;
  }
  return undefined;
}

/** A CN or O value (`what`: "the common name"), as X.509 allows it. */
export function nameValue(what: string, v: string, max = 64): string {
  if (!v) throw new GenerateInputError(`${what} is empty`);
  if (CONTROL.test(v)) throw new GenerateInputError(`${what} ${shown(v)} holds a control character`);
  if ([...v].length > max) throw new GenerateInputError(`${what} ${shown(v)} is longer than ${max} characters, the most X.509 allows (RFC 5280)`);
  return v;
}

/** A text written into a file or a README (an alias, a label): one line, bounded. */
export function textValue(what: string, v: string, max = 255): string {
  return nameValue(what, v, max);
}

/** The CN of a certificate named after a host: the host, or as many of its left-most labels as fit in 64 characters. */
export function commonNameFor(host: string): string {
  if ([...host].length <= 64) return host;
  let cn = '';
  for (const l of host.split('.')) {
    const next = cn ? `${cn}.${l}` : l;
    if ([...next].length > 64) break;
    cn = next;
  }
  return cn || host.slice(0, 64);
}

/** Whether a name is one a certificate can hold as a DNS name, as given (already in its normal form). */
export function isValidDnsName(name: string): boolean {
  const d = dnsName(name);
  return 'value' in d && d.value === name;
}

/** Why a days value is refused, or undefined when it is fine. */
export function daysProblem(days: number): string | undefined {
  if (!Number.isInteger(days) || days < 1) return 'the validity must be a whole number of days, at least 1';
  if (days > 36500) return 'the validity must be at most 36500 days (100 years)';
  return undefined;
}

/** A file name from a host or common name: `*.example.com` → `wildcard.example.com`; at most 200 characters (room for an extension). */
export function fileBase(name: string): string {
  const b = name.trim().replace(/^\*\./, 'wildcard.').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 200).replace(/[.-]+$/, '');
  return b || 'certificate';
}
