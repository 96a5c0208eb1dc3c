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
const PUBLIC_SUFFIX_2 = new Set(['co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.jp', 'ne.jp', 'or.jp', 'com.br', 'com.cn', 'co.nz', 'co.in', 'co.za', 'com.mx', 'com.tr', 'github.io', 'herokuapp.com', 'appspot.com', 'cloudfront.net', 'azurewebsites.net']);

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

function wildcardMatches(pattern: string, host: string): boolean {
  const p = pattern.split('.');
  const h = host.split('.');
  if (p[0] !== '*' || p.length !== h.length || p.length < 3) return false;
  const base = p.slice(1).join('.');
  if (PUBLIC_SUFFIX_2.has(base)) return false;
  if (p.slice(1).some((l) => l.includes('*'))) return false;
  return p.slice(1).every((l, i) => l === h[i + 1]);
}

/** Whether a certificate's SANs cover a host name or IP address. */
export function coversHost(san: readonly GeneralName[] | undefined, name: string): boolean {
  if (!san) return false;
  const ip = canonicalIp(name);
  if (ip) return san.some((n) => n.type === 'ip' && canonicalIp(n.value) === ip);
  const host = normalizeHost(name);
  if (!host || host.includes('*')) return san.some((n) => n.type === 'dns' && normalizeHost(n.value) === host);
  for (const n of san) {
    if (n.type !== 'dns') continue;
    const pattern = normalizeHost(n.value);
    if (pattern === host) return true;
    if (pattern.startsWith('*.') && wildcardMatches(pattern, host)) return true;
  }
  return false;
}
