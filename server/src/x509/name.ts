import { DN_ATTRIBUTES } from './oids';
import * as der from './encode';
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
      const isString = [
        TAG.UTF8String, TAG.PrintableString, TAG.T61String, TAG.IA5String, TAG.UniversalString, TAG.BMPString, 0x1a,
      ].includes(valueNode.tag as never);
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

const ATTRIBUTE_OIDS: Record<string, string> = Object.fromEntries(Object.entries(DN_ATTRIBUTES).map(([oid, name]) => [name.toLowerCase(), oid]));
const OID_COUNTRY = '2.5.4.6';
const OID_EMAIL = '1.2.840.113549.1.9.1';
const OID_DC = '0.9.2342.19200300.100.1.25';

/** Splits on a separator not escaped by a backslash. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

const unescapeValue = (v: string): string => v.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, c: string) => (c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c));

/**
 * The DER of a distinguished name written as RFC 4514 text, most specific RDN first
 * (`CN=app.example.com, O=Example, C=US`); `+` joins attributes of one RDN. Country is a
 * PrintableString, emailAddress and DC IA5Strings, everything else UTF8String (RFC 5280 §4.1.2.4).
 */
export function encodeName(text: string): Uint8Array {
  const rdns = text.trim() === '' ? [] : splitUnescaped(text, ',').map((rdn) => splitUnescaped(rdn, '+').map((atv) => {
    const eq = atv.indexOf('=');
    if (eq < 1) throw new RangeError(`'${atv.trim()}' is not TYPE=value in the name '${text}'`);
    const type = atv.slice(0, eq).trim();
    const oid = /^\d+(\.\d+)+$/.test(type)
      ? type
      : ATTRIBUTE_OIDS[type.toLowerCase()] ?? { commonname: '2.5.4.3', organizationname: '2.5.4.10', email: OID_EMAIL }[type.toLowerCase()];
    if (!oid) throw new RangeError(`unknown attribute '${type}' in the name '${text}'`);
    const value = unescapeValue(atv.slice(eq + 1).trim());
    const encodedValue = oid === OID_COUNTRY ? der.printableString(value) : oid === OID_EMAIL || oid === OID_DC ? der.ia5String(value) : der.utf8String(value);
    return der.sequence(der.oid(oid), encodedValue);
  }));
  // Text is most specific first; the encoding is the other way round (RFC 4514 §2.1).
  return der.sequence(...rdns.reverse().map((atvs) => der.set(...sortedDer(atvs))));
}

/** DER orders the members of a SET by their encodings (X.690 §11.6). */
function sortedDer(items: Uint8Array[]): Uint8Array[] {
  return [...items].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
}
