import { DN_ATTRIBUTES } from './oids';
import { children, DerNode, encoded, expectTag, parseOid, parseString, TAG, toHex } from './der';

export interface NameAttribute {
  /** Short name (CN, O, …) or the dotted OID when TLS Lens has no name for it. */
  readonly type: string;
  readonly oid: string;
  readonly value: string;
}

export interface DistinguishedName {
  /** RDNs in encoding order (country first, usually); each RDN may hold several attributes. */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** RFC 4514 string, most specific RDN first: `CN=example.com, O=Example, C=US`. */
  readonly text: string;
  /** A key for comparing names (RFC 5280 §7.1, simplified: case and inner whitespace folded). */
  readonly key: string;
  readonly der: Uint8Array;
}

function escapeValue(v: string): string {
  let s = v.replace(/([,+"\\<>;=])/g, '\\$1');
  if (s.startsWith('#') || s.startsWith(' ')) s = '\\' + s;
  if (s.endsWith(' ') && s.length > 1) s = s.slice(0, -1) + '\\ ';
  return s;
}

export function parseName(node: DerNode): DistinguishedName {
  expectTag(node, TAG.SEQUENCE, 'Name');
  const rdns: NameAttribute[][] = [];
  for (const set of children(node)) {
    expectTag(set, TAG.SET, 'RelativeDistinguishedName');
    const rdn: NameAttribute[] = [];
    for (const atv of children(set)) {
      const [typeNode, valueNode] = children(expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = parseOid(expectTag(typeNode, TAG.OID, 'attribute type'));
      if (!valueNode) throw new Error('attribute without value');
      const isString = [TAG.UTF8String, TAG.PrintableString, TAG.T61String, TAG.IA5String, TAG.UniversalString, TAG.BMPString, 0x1a].includes(valueNode.tag as never);
      const value = isString ? parseString(valueNode) : '#' + toHex(encoded(valueNode)).toLowerCase();
      rdn.push({ type: DN_ATTRIBUTES[oid] ?? oid, oid, value });
    }
    rdns.push(rdn);
  }
  const text = [...rdns]
    .reverse()
    .map((rdn) => rdn.map((a) => `${a.type}=${escapeValue(a.value)}`).join('+'))
    .join(', ');
  const key = rdns
    .map((rdn) => rdn.map((a) => `${a.oid}=${a.value.trim().replace(/\s+/g, ' ').toLowerCase()}`).sort().join('+'))
    .join('/');
  return { rdns, text, key, der: encoded(node) };
}
