import { children, ctx, expectTag, parseOid, readNode, TAG } from './der';
import { GeneralName, interpretExtensions, parseExtensions } from './extensions';
import { DistinguishedName, parseName } from './name';
import { OID } from './oids';
import { parseSpki, PublicKeyFacts } from './publicKey';
import { SignatureAlgorithm, signatureAlgorithmOf } from './certificate';

export interface CsrFacts {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  readonly publicKey: PublicKeyFacts;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** Requested subjectAltName entries (from the extensionRequest attribute), undefined when none requested. */
  readonly san?: readonly GeneralName[];
  readonly extKeyUsage?: readonly string[];
}

/** PKCS#10 CertificationRequest (RFC 2986). */
export function parseCsr(der: Uint8Array): CsrFacts {
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new Error(`${der.length - root.end} bytes after the request`);
  const [info, sigAlg] = children(expectTag(root, TAG.SEQUENCE, 'CertificationRequest'));
  const f = children(expectTag(info, TAG.SEQUENCE, 'certificationRequestInfo'));
  expectTag(f[0], TAG.INTEGER, 'version');
  const subject = parseName(expectTag(f[1], TAG.SEQUENCE, 'subject'));
  const publicKey = parseSpki(expectTag(f[2], TAG.SEQUENCE, 'subjectPKInfo'));
  let san: GeneralName[] | undefined;
  let extKeyUsage: readonly string[] | undefined;
  const attrs = f[3];
  if (attrs && attrs.tag === ctx(0, true)) {
    for (const attr of children(attrs)) {
      const [type, values] = children(expectTag(attr, TAG.SEQUENCE, 'Attribute'));
      if (parseOid(type) !== OID.extensionRequest) continue;
      const [exts] = children(expectTag(values, TAG.SET, 'attribute values'));
      const facts = interpretExtensions(parseExtensions(exts));
      if (facts.san) san = [...facts.san];
      extKeyUsage = facts.extKeyUsage;
    }
  }
  const sigOid = parseOid(expectTag(children(expectTag(sigAlg, TAG.SEQUENCE, 'signatureAlgorithm'))[0], TAG.OID, 'algorithm'));
  return { der, subject, publicKey, signatureAlgorithm: signatureAlgorithmOf(sigOid), san, extKeyUsage };
}
