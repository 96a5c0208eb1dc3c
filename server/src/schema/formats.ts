/** The formats TLS Lens's schemas use, shared by the runtime ajv and the precompiled validators. */
import { fullFormats } from 'ajv-formats/dist/formats';

const LABEL = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)$/;

/** A DNS name, with a wildcard only as the whole left-most label (RFC 6125 §6.4.3). */
export function isTlsHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.replace(/\.$/, '').split('.');
  return labels.every((l, i) => (i === 0 && l === '*' && labels.length > 1) || LABEL.test(l));
}

/** A Go time.Duration string: 2160h, 30s, 1h30m, 500ms. */
export function isGoDuration(s: string): boolean {
  return /^-?(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(s) || s === '0';
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration in milliseconds (`2160h` → 7,776,000,000), or undefined when it is not one. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  if (!isGoDuration(s)) return undefined;
  const sign = s.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return sign * total;
}

export const formats = {
  ...fullFormats,
  'tls-hostname': isTlsHostname,
  'go-duration': isGoDuration,
};
