/**
 * Hostname ↔ certificate matching, RFC 6125 §6.4 / RFC 9525: case-insensitive; a wildcard only as
 * the whole left-most label, matching exactly one label, never the apex or a public suffix; IP
 * addresses only against IP SANs; the CN is never used (a certificate without DNS SANs covers no
 * name).
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { GeneralName } from './extensions';

/** Single-label suffixes and common two-label public suffixes a wildcard may never sit directly on. */
const PUBLIC_SUFFIX_2 = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.jp', 'ne.jp', 'or.jp', 'com.br', 'com.cn', 'co.nz', 'co.in',
  'co.za', 'com.mx', 'com.tr', 'github.io', 'herokuapp.com', 'appspot.com', 'cloudfront.net', 'azurewebsites.net',
]);

export function normalizeHost(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '');
  const ascii = /[^\x00-\x7f]/.test(trimmed) ? domainToASCII(trimmed) : trimmed;
  return (ascii || trimmed).toLowerCase();
}

/** Canonical form of an IP address (IPv4 dotted, IPv6 as 8 full hex groups), or undefined. */
export function canonicalIp(s: string): string | undefined {
  const v = s.replace(/^\[|\]$/g, '');
  const kind = isIP(v);
  if (kind === 4) return v.split('.').map((x) => String(Number(x))).join('.');
  if (kind !== 6) return undefined;
  let text = v;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + ((parts[0] << 8) | parts[1]).toString(16) + ':' + ((parts[2] << 8) | parts[3]).toString(16);
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = text.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}

interface SanIndex {
  readonly dns: ReadonlySet<string>;
  /** The bases of valid wildcards: `*.example.com` → `example.com`. */
  readonly wildcardBases: ReadonlySet<string>;
  readonly ips: ReadonlySet<string>;
}

const indexes = new WeakMap<readonly GeneralName[], SanIndex>();

/** The SANs as sets, built once per certificate: a 50,000-SAN certificate costs O(1) per host. */
function indexOf(san: readonly GeneralName[]): SanIndex {
  let ix = indexes.get(san);
  if (ix) return ix;
  const dns = new Set<string>();
  const wildcardBases = new Set<string>();
  const ips = new Set<string>();
  for (const n of san) {
    if (n.type === 'ip') {
      const ip = canonicalIp(n.value);
      if (ip) ips.add(ip);
    } else if (n.type === 'dns') {
      const pattern = normalizeHost(n.value);
      dns.add(pattern);
      if (pattern.startsWith('*.')) {
        const base = pattern.slice(2);
        if (base.split('.').length >= 2 && !base.includes('*') && !PUBLIC_SUFFIX_2.has(base)) wildcardBases.add(base);
      }
    }
  }
  ix = { dns, wildcardBases, ips };
  indexes.set(san, ix);
  return ix;
}

/** Whether a certificate's SANs cover a host name or IP address. */
export function coversHost(san: readonly GeneralName[] | undefined, name: string): boolean {
  if (!san) return false;
  const ix = indexOf(san);
  const ip = canonicalIp(name);
  if (ip) return ix.ips.has(ip);
  const host = normalizeHost(name);
  if (ix.dns.has(host)) return true;
  if (!host || host.includes('*')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && ix.wildcardBases.has(host.slice(dot + 1));
}
