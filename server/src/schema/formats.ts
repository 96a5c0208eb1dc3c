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

export const formats = {
  ...fullFormats,
  'tls-hostname': isTlsHostname,
  'go-duration': isGoDuration,
};
