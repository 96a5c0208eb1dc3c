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

const SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** A Kubernetes object name: a lowercase RFC 1123 subdomain of at most 253 characters (apimachinery NameIsDNSSubdomain). */
export function isKubernetesName(s: string): boolean {
  return s.length <= 253 && SUBDOMAIN.test(s);
}

/** A Kubernetes label value: empty, or up to 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric. */
export function isLabelValue(s: string): boolean {
  return s.length <= 63 && /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.test(s);
}

/** A Vault path without a '..' segment (cert-manager refuses one: it could reach another mount). */
export function isVaultPath(s: string): boolean {
  return !s.split('/').includes('..');
}

/**
 * A cron schedule as cert-manager reads a renewal window (robfig/cron's standard parser): five
 * fields, or a descriptor (@daily, @every 1h), after an optional CRON_TZ= or TZ= prefix.
 */
export function isCron(s: string): boolean {
  const spec = s.trim().replace(/^(?:CRON_TZ|TZ)=\S+\s*/, '');
  if (/^@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(spec)) return true;
  if (/^@every\s+\S+$/.test(spec)) return isGoDuration(spec.split(/\s+/)[1]);
  const fields = spec.split(/\s+/);
  return fields.length === 5 && fields.every((f) => /^[\d*?/,A-Za-z-]+$/.test(f));
}

/** Base64 (Kubernetes `format: byte`) of a PEM bundle with at least one certificate, as cert-manager checks a caBundle. */
export function isPemCertificatesBase64(s: string): boolean {
  const b64 = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return false;
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(Buffer.from(b64, 'base64').toString('latin1'));
}

/** An annotation a Certificate's secretTemplate may carry: cert-manager writes cert-manager.io/* itself (but allow-direct-injection). */
export function isSecretTemplateAnnotation(s: string): boolean {
  return !s.startsWith('cert-manager.io/') || s === 'cert-manager.io/allow-direct-injection';
}

/** Go's net.SplitHostPort: host and port, an IPv6 host in brackets; the error cases only. */
function splitHostPort(s: string): { host: string; port: string } | 'missing port' | undefined {
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return undefined;
    const rest = s.slice(end + 1);
    if (rest === '') return 'missing port';
    if (!rest.startsWith(':') || rest.slice(1).includes(':')) return undefined;
    return { host: s.slice(1, end), port: rest.slice(1) };
  }
  const i = s.lastIndexOf(':');
  if (i < 0) return 'missing port';
  if (s.slice(0, i).includes(':')) return undefined; // too many colons: an IPv6 address must be in brackets
  return { host: s.slice(0, i), port: s.slice(i + 1) };
}

/** An RFC2136 nameserver as cert-manager reads it (ValidNameserver): host[:port], an IPv6 host in brackets. */
export function isRfc2136Nameserver(s: string): boolean {
  const t = s.trim();
  const hp = splitHostPort(t);
  if (hp === undefined) return false;
  const host = hp === 'missing port' ? t.replace(/^\[|\]$/g, '') : hp.host;
  return host !== '';
}

/** A DNS01 self-check nameserver (ValidDNS01Nameserver): <ip or host>:<port>, or https://<host> for DNS over HTTPS (RFC 8484). */
export function isDns01Nameserver(s: string): boolean {
  if (s.startsWith('https://')) return /^https:\/\/[^/?#\s]+/.test(s);
  const hp = splitHostPort(s);
  return typeof hp === 'object';
}

export const formats = {
  ...fullFormats,
  'tls-hostname': isTlsHostname,
  'go-duration': isGoDuration,
  'k8s-name': isKubernetesName,
  'k8s-label-value': isLabelValue,
  'vault-path': isVaultPath,
  cron: isCron,
  'pem-certificates-base64': isPemCertificatesBase64,
  'secret-template-annotation': isSecretTemplateAnnotation,
  'rfc2136-nameserver': isRfc2136Nameserver,
  'dns01-nameserver': isDns01Nameserver,
};
