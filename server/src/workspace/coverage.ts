/**
 * Which hostnames a reference serves the certificate it resolves to covers (RFC 6125 matching,
 * x509/hostname.ts): the one answer the inventory (its view, the CodeLens, `tls-lens inventory`)
 * and xref/hostname-not-covered read, so that a lens never counts as covered a host the rule
 * reports, nor the other way round.
 */
import type { Located } from '../core/types';
import type { FactSource, Reference } from '../model/refs';
import { PRODUCTS } from '../products';
import type { GeneralName } from '../x509/extensions';
import { coversHost } from '../x509/hostname';
import type { CertLoc, Resolution } from './view';

/** A hostname a configuration serves, and whether the certificate covers it. */
export interface HostCoverage {
  readonly host: Located;
  readonly covered: boolean;
}

/** Each host (in its order) with whether these SANs cover it. */
export function hostCoverage(san: readonly GeneralName[] | undefined, hosts: readonly Located[] | undefined): HostCoverage[] {
  return (hosts ?? []).map((host) => ({ host, covered: coversHost(san, host.value) }));
}

/** What a reference serves: the leaf of what it resolves to, and the hosts the leaf covers. */
export interface ReferenceCoverage {
  readonly leaf: CertLoc;
  /** Every host the reference serves (none: it states no hostnames). */
  readonly hosts: readonly HostCoverage[];
}

/** The coverage of a reference by the leaf certificate it resolves to; undefined when it resolves to no certificate. */
export function referenceCoverage(ref: Reference, res: Resolution | undefined): ReferenceCoverage | undefined {
  const leaf = res?.certs[0];
  return leaf ? { leaf, hosts: hostCoverage(leaf.cert.ext.san, ref.hosts) } : undefined;
}

/** A hostname a reference serves through another document (a route of a Gateway listener), and whether its certificate covers it. */
export interface ThroughCoverage extends HostCoverage {
  readonly path: string;
  readonly via: string;
}

/**
 * The names a reference serves because other documents say so (each product answers for its own
 * references), with whether the leaf it resolves to covers them; empty when it resolves to none.
 */
export function throughCoverage(ref: Reference, fromPath: string, res: Resolution | undefined, facts: FactSource): ThroughCoverage[] {
  const leaf = res?.certs[0];
  if (!leaf) return [];
  return PRODUCTS.flatMap((p) => p.servedThrough?.(ref, fromPath, facts) ?? [])
    .map((n) => ({ host: n.host, path: n.path, via: n.via, covered: coversHost(leaf.cert.ext.san, n.host.value) }));
}
