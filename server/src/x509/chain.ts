/**
 * Certificate path building and validation (RFC 5280 §6, the parts TLS Lens needs): issuer by
 * name and signature, validity at a time, basicConstraints cA and pathLenConstraint, keyUsage
 * keyCertSign for issuers, serverAuth/clientAuth EKU for the leaf, unknown critical extensions and
 * duplicate extensions rejected; every candidate path is tried (cycles and dead ends pruned).
 * Not implemented: name constraints, policies, revocation (CRL/OCSP).
 */
import { CertificateFacts, isSignedBy } from './certificate';
import { OID } from './oids';

export type Purpose = 'serverAuth' | 'clientAuth' | 'any';

export interface ChainOptions {
  readonly at: Date;
  readonly purpose?: Purpose;
  /** Maximum number of intermediates between leaf and anchor. */
  readonly maxIntermediates?: number;
}

export interface ChainResult {
  readonly ok: boolean;
  /** leaf … anchor, when ok. */
  readonly path?: readonly CertificateFacts[];
  /** Why the best attempt failed. */
  readonly reason?: string;
}

const UNDERSTOOD = new Set<string>([
  OID.subjectKeyIdentifier, OID.keyUsage, OID.subjectAltName, OID.basicConstraints, OID.authorityKeyIdentifier, OID.extKeyUsage,
  '2.5.29.32', // certificatePolicies (accepted, not processed)
  '2.5.29.31', // CRL distribution points
  '1.3.6.1.5.5.7.1.1', // authority information access
  '2.5.29.18', // issuerAltName
  '1.3.6.1.4.1.11129.2.4.2', // SCT list
]);

/** RFC 5280 structure every certificate in a path must have. */
function extensionProblem(c: CertificateFacts): string | undefined {
  if (c.issuer.rdns.length === 0) return 'empty issuer name (RFC 5280 §4.1.2.4)';
  const san = c.extensions.find((e) => e.oid === OID.subjectAltName);
  if (c.subject.rdns.length === 0 && san && !san.critical) return 'empty subject with a non-critical subjectAltName (RFC 5280 §4.2.1.6)';
  if (c.subject.rdns.length > 0 && san?.critical) return 'critical subjectAltName with a non-empty subject (RFC 5280 §4.2.1.6)';
  const ku = c.ext.keyUsage;
  if (ku?.includes('keyCertSign') && !c.isCA) return 'keyCertSign without basicConstraints CA:TRUE (RFC 5280 §4.2.1.3)';
  if (c.isCA && ku && !ku.includes('keyCertSign')) return 'CA:TRUE without keyCertSign (RFC 5280 §4.2.1.9)';
  const seen = new Set<string>();
  for (const e of c.extensions) {
    if (seen.has(e.oid)) return `duplicate extension ${e.oid}`;
    seen.add(e.oid);
    if (e.critical && !UNDERSTOOD.has(e.oid)) return `unknown critical extension ${e.oid}`;
  }
  return undefined;
}

function validAt(c: CertificateFacts, at: Date): boolean {
  return c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
}

function leafProblem(leaf: CertificateFacts, o: ChainOptions): string | undefined {
  if (!validAt(leaf, o.at)) return 'the certificate is not valid at that time';
  const ext = extensionProblem(leaf);
  if (ext) return ext;
  // A leaf may be a (consistent) CA certificate: RFC 5280 §6.1 does not check the leaf's cA bit.
  const purpose = o.purpose ?? 'serverAuth';
  const eku = leaf.ext.extKeyUsage;
  if (purpose !== 'any' && eku && !eku.includes(purpose)) return `its extended key usage lacks ${purpose}`;
  return undefined;
}

/** Problems of a certificate used as an issuer, `below` non-self-issued intermediates under it. */
function issuerProblem(c: CertificateFacts, below: number, o: ChainOptions): string | undefined {
  if (!validAt(c, o.at)) return `issuer '${c.subject.text}' is not valid at that time`;
  const ext = extensionProblem(c);
  if (ext) return `issuer '${c.subject.text}': ${ext}`;
  if (!c.isCA) return `issuer '${c.subject.text}' is not a CA (basicConstraints)`;
  if (c.subject.rdns.length === 0) return `issuer has an empty subject (RFC 5280 §4.1.2.6)`;
  const bc = c.extensions.find((e) => e.oid === OID.basicConstraints);
  if (bc && !bc.critical) return `issuer '${c.subject.text}' has a non-critical basicConstraints (RFC 5280 §4.2.1.9)`;
  if (c.ext.keyUsage && !c.ext.keyUsage.includes('keyCertSign')) return `issuer '${c.subject.text}' lacks keyCertSign`;
  const pathLen = c.ext.basicConstraints?.pathLen;
  if (pathLen !== undefined && below > pathLen) return `issuer '${c.subject.text}' allows ${pathLen} intermediates below it, the path has ${below}`;
  const purpose = o.purpose ?? 'serverAuth';
  const eku = c.ext.extKeyUsage;
  if (purpose !== 'any' && eku && !eku.includes(purpose) && !eku.includes('anyExtendedKeyUsage')) {
    return `issuer '${c.subject.text}' is restricted to ${eku.join(', ')}`;
  }
  return undefined;
}

/**
 * Builds a path from `leaf` to one of `anchors` through `intermediates`. Anchors are trusted as
 * given, but must still be valid CAs at the time.
 */
export function buildChain(
  leaf: CertificateFacts, intermediates: readonly CertificateFacts[], anchors: readonly CertificateFacts[], o: ChainOptions,
): ChainResult {
  const lp = leafProblem(leaf, o);
  if (lp) return { ok: false, reason: lp };
  const anchorSet = new Set(anchors.map((a) => a.sha256));
  const pool = [...anchors, ...intermediates.filter((i) => !anchorSet.has(i.sha256))];
  let best: string | undefined;
  const max = o.maxIntermediates ?? 8;
  // Depth-first over issuers; `chain` holds leaf … current.
  const visit = (chain: CertificateFacts[], below: number): CertificateFacts[] | undefined => {
    const child = chain[chain.length - 1];
    for (const cand of pool) {
      if (chain.some((c) => c.sha256 === cand.sha256)) continue;
      if (cand.subject.key !== child.issuer.key || !isSignedBy(child, cand)) continue;
      const isAnchor = anchorSet.has(cand.sha256);
      // Self-issued intermediates do not count against the depth (as they do not against pathLen).
      const intermediatesSoFar = chain.slice(1).filter((c) => !c.selfIssued).length;
      if (!isAnchor && !cand.selfIssued && intermediatesSoFar + 1 > max) { best ??= 'the path is longer than allowed'; continue; }
      const problem = issuerProblem(cand, below, o);
      if (problem) { best = problem; continue; }
      if (isAnchor) return [...chain, cand];
      const nextBelow = cand.selfIssued ? below : below + 1;
      const found = visit([...chain, cand], nextBelow);
      if (found) return found;
    }
    return undefined;
  };
  if (anchorSet.has(leaf.sha256)) return { ok: true, path: [leaf] };
  const path = visit([leaf], 0);
  if (path) return { ok: true, path };
  return { ok: false, reason: best ?? `no path to a trusted CA: nothing here issued '${leaf.issuer.text}'` };
}
