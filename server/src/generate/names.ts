/** What a certificate may hold as a DNS name (RFC 5280 §4.2.1.6 preferred name syntax, RFC 6125 §6.4.3 wildcards). */
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidDnsName(name: string): boolean {
  if (!name || name.length > 253 || name.endsWith('.')) return false;
  const labels = name.split('.');
  // A wildcard only as the whole left-most label, and not over a bare top-level domain.
  if (labels[0] === '*') return labels.length >= 3 && labels.slice(1).every((l) => LABEL.test(l));
  return labels.every((l) => LABEL.test(l));
}

/** Why a days value is refused, or undefined when it is fine. */
export function daysProblem(days: number): string | undefined {
  if (!Number.isInteger(days) || days < 1) return 'the validity must be a whole number of days, at least 1';
  if (days > 36500) return 'the validity must be at most 36500 days (100 years)';
  return undefined;
}

/** A file name from a host or common name: `*.example.com` → `wildcard.example.com`. */
export function fileBase(name: string): string {
  const b = name.trim().replace(/^\*\./, 'wildcard.').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  return b || 'certificate';
}
