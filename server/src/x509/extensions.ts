import { isIPv6 } from 'node:net';
import { children, content, ctx, DerNode, expectTag, parseBitString, parseBoolean, parseOid, parseSmallInteger, readNode, TAG, toHex } from './der';
import { parseName } from './name';
import { EKU_NAMES, KEY_USAGE_BITS, KeyUsage, OID } from './oids';

export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export type GeneralName =
  | { readonly type: 'dns' | 'email' | 'uri' | 'ip' | 'dirName' | 'registeredID' | 'other'; readonly value: string };

export interface ExtensionFacts {
  /** undefined when the certificate has no subjectAltName extension. */
  readonly san?: readonly GeneralName[];
  readonly keyUsage?: readonly KeyUsage[];
  /** Names (serverAuth, clientAuth, …) or OIDs. undefined when absent. */
  readonly extKeyUsage?: readonly string[];
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
  readonly hasNameConstraints: boolean;
  /** OCSP responder URLs from Authority Information Access (RFC 5280 §4.2.2.1); undefined when none. */
  readonly ocspUrls?: readonly string[];
}

export function parseExtensions(node: DerNode | undefined): Extension[] {
  if (!node) return [];
  const out: Extension[] = [];
  for (const ext of children(expectTag(node, TAG.SEQUENCE, 'Extensions'))) {
    const parts = children(expectTag(ext, TAG.SEQUENCE, 'Extension'));
    const oid = parseOid(expectTag(parts[0], TAG.OID, 'extnID'));
    let critical = false;
    let valueNode = parts[1];
    if (valueNode && valueNode.tag === TAG.BOOLEAN) {
      critical = parseBoolean(valueNode);
      valueNode = parts[2];
    }
    out.push({ oid, critical, value: content(expectTag(valueNode, TAG.OCTET_STRING, 'extnValue')) });
  }
  return out;
}

export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
    // RFC 5952: compress the longest run (≥ 2) of zero groups.
    let best = -1, bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best < 0) return hex.join(':');
    const s = hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
    return isIPv6(s) ? s : hex.join(':');
  }
  // name constraints carry address + mask
  return toHex(bytes, ':');
}

const latin1 = new TextDecoder('latin1');

export function parseGeneralName(n: DerNode): GeneralName {
  const c = content(n);
  switch (n.tag) {
    case ctx(1, false): return { type: 'email', value: latin1.decode(c) };
    case ctx(2, false): return { type: 'dns', value: latin1.decode(c) };
    case ctx(6, false): return { type: 'uri', value: latin1.decode(c) };
    case ctx(7, false): return { type: 'ip', value: formatIp(c) };
    case ctx(4, true): return { type: 'dirName', value: parseName(readNode(n.bytes, n.contentStart, n.end)).text };
    case ctx(8, false): return { type: 'registeredID', value: parseOid({ ...n, tag: TAG.OID }) };
    default: return { type: 'other', value: `[${n.tag & 0x1f}] ${toHex(c)}` };
  }
}

function inner(value: Uint8Array): DerNode {
  const node = readNode(value, 0);
  if (node.end !== value.length) throw new Error('extension value has trailing bytes');
  return node;
}

export function interpretExtensions(exts: readonly Extension[]): ExtensionFacts {
  let san: GeneralName[] | undefined;
  let keyUsage: KeyUsage[] | undefined;
  let extKeyUsage: string[] | undefined;
  let basicConstraints: { ca: boolean; pathLen?: number } | undefined;
  let subjectKeyId: string | undefined;
  let authorityKeyId: string | undefined;
  let hasNameConstraints = false;
  let ocspUrls: string[] | undefined;
  for (const e of exts) {
    switch (e.oid) {
      case OID.subjectAltName:
        san = children(expectTag(inner(e.value), TAG.SEQUENCE, 'GeneralNames')).map(parseGeneralName);
        break;
      case OID.keyUsage: {
        const { bits } = parseBitString(expectTag(inner(e.value), TAG.BIT_STRING, 'KeyUsage'));
        keyUsage = KEY_USAGE_BITS.filter((_, i) => bits[i]);
        break;
      }
      case OID.extKeyUsage:
        extKeyUsage = children(expectTag(inner(e.value), TAG.SEQUENCE, 'ExtKeyUsageSyntax')).map((o) => {
          const oid = parseOid(expectTag(o, TAG.OID, 'KeyPurposeId'));
          return EKU_NAMES[oid] ?? oid;
        });
        break;
      case OID.basicConstraints: {
        const parts = children(expectTag(inner(e.value), TAG.SEQUENCE, 'BasicConstraints'));
        let ca = false;
        let pathLen: number | undefined;
        for (const p of parts) {
          if (p.tag === TAG.BOOLEAN) ca = parseBoolean(p);
          else if (p.tag === TAG.INTEGER) pathLen = parseSmallInteger(p);
        }
        basicConstraints = pathLen === undefined ? { ca } : { ca, pathLen };
        break;
      }
      case OID.subjectKeyIdentifier:
        subjectKeyId = toHex(content(expectTag(inner(e.value), TAG.OCTET_STRING, 'SubjectKeyIdentifier')), ':');
        break;
      case OID.authorityKeyIdentifier: {
        const keyId = children(expectTag(inner(e.value), TAG.SEQUENCE, 'AuthorityKeyIdentifier')).find((p) => p.tag === ctx(0, false));
        if (keyId) authorityKeyId = toHex(content(keyId), ':');
        break;
      }
      case OID.nameConstraints:
        hasNameConstraints = true;
        break;
      case OID.authorityInfoAccess:
        // Informational (stapling advice): a malformed AIA is ignored, not a malformed certificate.
        try {
          for (const ad of children(expectTag(inner(e.value), TAG.SEQUENCE, 'AuthorityInfoAccessSyntax'))) {
            const [method, location] = children(expectTag(ad, TAG.SEQUENCE, 'AccessDescription'));
            if (parseOid(expectTag(method, TAG.OID, 'accessMethod')) !== OID.ocsp || !location) continue;
            const name = parseGeneralName(location);
            if (name.type === 'uri') (ocspUrls ??= []).push(name.value);
          }
        } catch {
          ocspUrls = undefined;
        }
        break;
    }
  }
  return { san, keyUsage, extKeyUsage, basicConstraints, subjectKeyId, authorityKeyId, hasNameConstraints, ...(ocspUrls ? { ocspUrls } : {}) };
}
