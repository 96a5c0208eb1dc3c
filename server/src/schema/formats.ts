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
};
