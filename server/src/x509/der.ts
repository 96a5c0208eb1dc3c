/**
 * A minimal, strict DER reader: enough of X.690 to walk certificates, CSRs and keys without
 * building an object tree. Every node keeps its offsets into the original bytes, so callers can
 * hash or re-use the exact encoding (SPKI, TBS) without re-encoding.
 */

export class DerError extends Error {
  constructor(readonly reason: string, readonly offset: number) {
    super(`${reason} (at byte ${offset})`);
  }
}

export interface DerNode {
  /** The whole identifier octet (class, constructed bit, tag number for numbers < 31). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset one past the last content octet. */
  readonly end: number;
  readonly bytes: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  PrintableString: 0x13,
  T61String: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  UniversalString: 0x1c,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one TLV at `offset`; throws DerError when it does not fit in `limit`. */
export function readNode(bytes: Uint8Array, offset: number, limit = bytes.length): DerNode {
  if (offset >= limit) throw new DerError('unexpected end of data', offset);
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported', offset);
  let p = offset + 1;
  if (p >= limit) throw new DerError('truncated length', p);
  let len = bytes[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new DerError('indefinite length is not DER', p - 1);
    if (n > 4) throw new DerError('length too large', p - 1);
    if (p + n > limit) throw new DerError('truncated length', p);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++];
  }
  const end = p + len;
  if (end > limit) throw new DerError(`truncated: element needs ${len} bytes, ${limit - p} left`, offset);
  return { tag, start: offset, contentStart: p, end, bytes };
}

/** The children of a constructed node. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let p = node.contentStart;
  while (p < node.end) {
    const child = readNode(node.bytes, p, node.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`missing ${what}`, 0);
  if (node.tag !== tag) {
    throw new DerError(`expected ${what} (tag 0x${tag.toString(16)}), found tag 0x${node.tag.toString(16)}`, node.start);
  }
  return node;
}

export function content(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.contentStart, node.end);
}

export function encoded(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.start, node.end);
}

export function parseOid(node: DerNode): string {
  const c = content(node);
  if (c.length === 0) throw new DerError('empty OID', node.start);
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < c.length; i++) {
    value = value * 128 + (c[i] & 0x7f);
    if ((c[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

export function parseInteger(node: DerNode): bigint {
  const c = content(node);
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c.length > 0 && c[0] & 0x80) v -= 1n << BigInt(c.length * 8);
  return v;
}

export function parseSmallInteger(node: DerNode): number {
  return Number(parseInteger(node));
}

export function parseBoolean(node: DerNode): boolean {
  const c = content(node);
  return c.length > 0 && c[0] !== 0;
}

/** BIT STRING: returns the bits (MSB first) as booleans and the raw octets after the unused-bits byte. */
export function parseBitString(node: DerNode): { bits: boolean[]; bytes: Uint8Array } {
  const c = content(node);
  if (c.length === 0) throw new DerError('empty BIT STRING', node.start);
  const unused = c[0];
  const data = c.subarray(1);
  const bits: boolean[] = [];
  const total = data.length * 8 - unused;
  for (let i = 0; i < total; i++) bits.push(((data[i >> 3] >> (7 - (i & 7))) & 1) === 1);
  return { bits, bytes: data };
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

export function parseString(node: DerNode): string {
  const c = content(node);
  switch (node.tag) {
    case TAG.BMPString: {
      let s = '';
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode((c[i] << 8) | c[i + 1]);
      return s;
    }
    case TAG.UniversalString: {
      let s = '';
      for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0);
      return s;
    }
    case TAG.T61String:
      return latin1.decode(c);
    default:
      return decoder.decode(c);
  }
}

/** UTCTime or GeneralizedTime to a Date (RFC 5280 §4.1.2.5 forms, seconds required, Z). */
export function parseTime(node: DerNode): Date {
  const s = latin1.decode(content(node));
  let m: RegExpMatchArray | null;
  if (node.tag === TAG.UTCTime) {
    m = s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/);
    if (!m) throw new DerError(`bad UTCTime '${s}'`, node.start);
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (node.tag === TAG.GeneralizedTime) {
    m = s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/);
    if (!m) throw new DerError(`bad GeneralizedTime '${s}'`, node.start);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  throw new DerError(`expected a time, found tag 0x${node.tag.toString(16)}`, node.start);
}

export function toHex(bytes: Uint8Array, sep = ''): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && sep) s += sep;
    s += bytes[i].toString(16).padStart(2, '0');
  }
  return s.toUpperCase();
}

/** Context-specific tag helpers: [n] IMPLICIT primitive / constructed. */
export const ctx = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

/**
 * BER as PKCS#12 files often are (Windows, pkijs, older JDKs): indefinite lengths and
 * constructed OCTET STRINGs, rewritten as DER so the readers above can walk it. Bounded: nesting
 * depth 64 and the input's own size (every node consumes at least two bytes).
 */
export function berToDer(bytes: Uint8Array): Uint8Array {
  const pieces: Uint8Array[] = [];
  const end = encodeBer(bytes, 0, bytes.length, 0, pieces);
  if (end.next !== bytes.length) throw new DerError('trailing data after the outer element', end.next);
  return Buffer.concat(pieces);
}

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

/** Reads one BER element at `offset` and appends its DER form; returns where it ended. */
function encodeBer(bytes: Uint8Array, offset: number, limit: number, depth: number, out: Uint8Array[]): { next: number } {
  if (depth > 64) throw new DerError('nesting deeper than 64', offset);
  if (offset + 2 > limit) throw new DerError('unexpected end of data', offset);
  let tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported', offset);
  let p = offset + 1;
  const first = bytes[p++];
  const constructed = (tag & 0x20) !== 0;
  let contentEnd: number | undefined;
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive element', offset);
  } else if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || p + n > limit) throw new DerError('bad length', p - 1);
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++];
    contentEnd = p + len;
  } else {
    contentEnd = p + first;
  }
  if (contentEnd !== undefined && contentEnd > limit) throw new DerError('truncated element', offset);
  if (!constructed) {
    out.push(Uint8Array.of(tag), lengthBytes(contentEnd! - p), bytes.subarray(p, contentEnd));
    return { next: contentEnd! };
  }
  const inner: Uint8Array[] = [];
  const stop = contentEnd ?? limit;
  while (true) {
    if (contentEnd === undefined) {
      if (p + 2 > limit) throw new DerError('indefinite length without end-of-contents', p);
      if (bytes[p] === 0 && bytes[p + 1] === 0) { p += 2; break; }
    } else if (p >= contentEnd) {
      break;
    }
    p = encodeBer(bytes, p, stop, depth + 1, inner).next;
  }
  let body = Buffer.concat(inner);
  if (tag === 0x24) {
    // A constructed OCTET STRING is its pieces' contents, in order.
    const parts: Uint8Array[] = [];
    let q = 0;
    while (q < body.length) {
      const n = readNode(body, q);
      if (n.tag !== TAG.OCTET_STRING) throw new DerError('a constructed OCTET STRING holds something else', offset);
      parts.push(body.subarray(n.contentStart, n.end));
      q = n.end;
    }
    body = Buffer.concat(parts);
    tag = TAG.OCTET_STRING;
  }
  out.push(Uint8Array.of(tag), lengthBytes(body.length), body);
  return { next: contentEnd ?? p };
}
