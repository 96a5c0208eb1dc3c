/**
 * The key-exchange groups OpenSSL accepts in a groups list (`ssl_ecdh_curve`), by version. One
 * name it does not know makes OpenSSL reject the whole list, and nginx refuse to start.
 * Sources: OpenSSL 1.1.1 ssl/t1_lib.c (NIST names and curve short names), OpenSSL 3.0
 * providers/common/capabilities.c (TLS group names and aliases), 3.2 (brainpool TLS 1.3 groups),
 * 3.5 (ML-KEM and the hybrid groups, CHANGES "Added ML-KEM").
 */
import { compareVersions } from '../util/version';

const CURVES_111 = [
  'P-192', 'P-224', 'P-256', 'P-384', 'P-521', 'prime192v1', 'prime256v1', 'secp224r1', 'secp384r1', 'secp521r1',
  'secp160k1', 'secp160r1', 'secp160r2', 'secp192k1', 'secp224k1', 'secp256k1',
  'sect163k1', 'sect163r1', 'sect163r2', 'sect193r1', 'sect193r2', 'sect233k1', 'sect233r1',
  'sect239k1', 'sect283k1', 'sect283r1', 'sect409k1', 'sect409r1', 'sect571k1', 'sect571r1',
  'K-163', 'B-163', 'K-233', 'B-233', 'K-283', 'B-283', 'K-409', 'B-409', 'K-571', 'B-571',
  'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1', 'X25519', 'X448',
];

/** Group names and the OpenSSL version that first accepts each (case-insensitive from 3.0). */
const GROUPS: { name: string; since: string }[] = [
  ...CURVES_111.map((name) => ({ name, since: '1.1.1' })),
  ...['secp192r1', 'secp256r1', 'ffdhe2048', 'ffdhe3072', 'ffdhe4096', 'ffdhe6144', 'ffdhe8192'].map((name) => ({ name, since: '3.0' })),
  ...['brainpoolP256r1tls13', 'brainpoolP384r1tls13', 'brainpoolP512r1tls13'].map((name) => ({ name, since: '3.2' })),
  ...['MLKEM512', 'MLKEM768', 'MLKEM1024', 'X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024'].map((name) => ({ name, since: '3.5' })),
];

/**
 * OpenSSL 3.3 added the `?` prefix to a groups list: a `?`-prefixed group that is not implemented is skipped instead of
 * failing the list (OpenSSL doc/man3/SSL_CTX_set1_curves.pod, HISTORY). Before 3.3, `?X` is itself an unknown name.
 */
export const TOLERANT_PREFIX_SINCE = '3.3';

export type GroupVerdict = { ok: true } | { ok: false; since?: string };

/** Whether OpenSSL `openssl` accepts a group name in a list (`since` when a later version does). */
export function groupKnown(name: string, openssl: string): GroupVerdict {
  const caseless = compareVersions(openssl, '3.0') >= 0;
  const g = GROUPS.find((x) => (caseless ? x.name.toLowerCase() === name.toLowerCase() : x.name === name));
  if (!g) return { ok: false };
  return compareVersions(openssl, g.since) >= 0 ? { ok: true } : { ok: false, since: g.since };
}

/** The groups list to recommend for an OpenSSL version: post-quantum hybrid first where it exists (3.5). */
export function recommendedGroups(openssl: string): string {
  return compareVersions(openssl, '3.5') >= 0 ? 'X25519MLKEM768:X25519:prime256v1:secp384r1' : 'X25519:prime256v1:secp384r1';
}
