import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { children, content, ctx, DerError, expectTag, parseOid, parseSmallInteger, parseTime, readNode, TAG, toHex } from './der';
import { ExtensionFacts, interpretExtensions, parseExtensions, Extension } from './extensions';
import { DistinguishedName, parseName } from './name';
import { SIGNATURE_ALGORITHMS } from './oids';
import { parseSpki, PublicKeyFacts, spkiKeyObject } from './publicKey';

export interface SignatureAlgorithm {
  readonly oid: string;
  readonly name: string;
  /** Digest: SHA-256, SHA-1, MD5, … ('none' for EdDSA, 'PSS' when in the parameters). */
  readonly hash: string;
}

/** Everything TLS Lens knows about one certificate, computed once per distinct DER. */
export interface CertificateFacts {
  readonly der: Uint8Array;
  readonly version: number;
  readonly serialHex: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyFacts;
  readonly extensions: readonly Extension[];
  readonly ext: ExtensionFacts;
  readonly sha256: string;
  readonly sha1: string;
  /** Subject and issuer are the same name. */
  readonly selfIssued: boolean;
  /** Self-issued and its signature verifies with its own key. */
  readonly selfSigned: boolean;
  /** basicConstraints cA = TRUE. */
  readonly isCA: boolean;
}

export function signatureAlgorithmOf(oid: string): SignatureAlgorithm {
  const known = SIGNATURE_ALGORITHMS[oid];
  return known ? { oid, ...known } : { oid, name: oid, hash: 'unknown' };
}

function hashHex(alg: 'sha256' | 'sha1', der: Uint8Array): string {
  return toHex(createHash(alg).update(der).digest(), ':');
}

/** Parses a DER certificate; throws DerError (or Error) with a readable reason when it is not one. */
export function parseCertificate(der: Uint8Array): CertificateFacts {
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new DerError(`${der.length - root.end} bytes after the certificate`, root.end);
  const [tbs, sigAlg, sigValue] = children(expectTag(root, TAG.SEQUENCE, 'Certificate'));
  expectTag(tbs, TAG.SEQUENCE, 'tbsCertificate');
  expectTag(sigAlg, TAG.SEQUENCE, 'signatureAlgorithm');
  expectTag(sigValue, TAG.BIT_STRING, 'signatureValue');
  const f = children(tbs);
  let i = 0;
  let version = 1;
  if (f[i] && f[i].tag === ctx(0, true)) {
    version = parseSmallInteger(readNode(der, f[i].contentStart, f[i].end)) + 1;
    i++;
  }
  const serial = expectTag(f[i++], TAG.INTEGER, 'serialNumber');
  expectTag(f[i++], TAG.SEQUENCE, 'signature');
  const issuer = parseName(expectTag(f[i++], TAG.SEQUENCE, 'issuer'));
  const validity = children(expectTag(f[i++], TAG.SEQUENCE, 'validity'));
  if (validity.length !== 2) throw new DerError('validity must hold notBefore and notAfter', f[i - 1].start);
  const subject = parseName(expectTag(f[i++], TAG.SEQUENCE, 'subject'));
  const publicKey = parseSpki(expectTag(f[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo'));
  let extNode;
  for (; i < f.length; i++) {
    if (f[i].tag === ctx(3, true)) extNode = readNode(der, f[i].contentStart, f[i].end);
  }
  const extensions = parseExtensions(extNode);
  const ext = interpretExtensions(extensions);
  const sigOid = parseOid(expectTag(children(sigAlg)[0], TAG.OID, 'signature algorithm'));
  const serialBytes = content(serial);
  return new ParsedCertificate({
    der,
    version,
    serialHex: toHex(serialBytes.length > 1 && serialBytes[0] === 0 ? serialBytes.subarray(1) : serialBytes, ':'),
    signatureAlgorithm: signatureAlgorithmOf(sigOid),
    issuer,
    subject,
    notBefore: parseTime(validity[0]),
    notAfter: parseTime(validity[1]),
    publicKey,
    extensions,
    ext,
    selfIssued: issuer.key === subject.key,
    isCA: ext.basicConstraints?.ca === true,
  });
}

type EagerFacts = Omit<CertificateFacts, 'sha256' | 'sha1' | 'selfSigned'>;

/** Fingerprints and the self-signature check are computed on first use: most certificates never need them. */
class ParsedCertificate implements CertificateFacts {
  readonly der!: Uint8Array;
  readonly version!: number;
  readonly serialHex!: string;
  readonly signatureAlgorithm!: SignatureAlgorithm;
  readonly issuer!: DistinguishedName;
  readonly subject!: DistinguishedName;
  readonly notBefore!: Date;
  readonly notAfter!: Date;
  readonly publicKey!: PublicKeyFacts;
  readonly extensions!: readonly Extension[];
  readonly ext!: ExtensionFacts;
  readonly selfIssued!: boolean;
  readonly isCA!: boolean;
  private memo: { sha256?: string; sha1?: string; selfSigned?: boolean } = {};

  constructor(facts: EagerFacts) {
    Object.assign(this, facts);
  }

  get sha256(): string {
    return (this.memo.sha256 ??= hashHex('sha256', this.der));
  }

  get sha1(): string {
    return (this.memo.sha1 ??= hashHex('sha1', this.der));
  }

  get selfSigned(): boolean {
    return (this.memo.selfSigned ??= this.selfIssued && isSignedBy(this, this));
  }
}

const nodeCerts = new WeakMap<CertificateFacts, NodeX509 | null>();

function nodeCert(c: CertificateFacts): NodeX509 | null {
  let n = nodeCerts.get(c);
  if (n === undefined) {
    try {
      n = new NodeX509(Buffer.from(c.der.buffer, c.der.byteOffset, c.der.byteLength));
    } catch {
      n = null;
    }
    nodeCerts.set(c, n);
  }
  return n;
}

/** Names chain (child's issuer = parent's subject) and the child's signature verifies with the parent's key. */
export function isSignedBy(child: CertificateFacts, parent: CertificateFacts): boolean {
  if (child.issuer.key !== parent.subject.key) return false;
  return verifiesWith(child, parent.publicKey.spki);
}

export function verifiesWith(child: CertificateFacts, spki: Uint8Array): boolean {
  const key = spkiKeyObject(spki);
  const cert = nodeCert(child);
  if (!key || !cert) return false;
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

/** The certificate's CN (most specific), if any. */
export function commonName(c: { subject: DistinguishedName }): string | undefined {
  for (let i = c.subject.rdns.length - 1; i >= 0; i--) {
    const cn = c.subject.rdns[i].find((a) => a.type === 'CN');
    if (cn) return cn.value;
  }
  return undefined;
}
