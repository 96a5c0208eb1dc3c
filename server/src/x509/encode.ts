/**
 * A DER writer: the few universal types a certificate, a CSR and their extensions are made of
 * (X.690 §8 and §10: definite lengths, minimal integers; a SET of several members is sorted by
 * the caller, as encodeName does). The reader is der.ts.
 */
import { TAG } from './der';

export type Der = Uint8Array;

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV from its tag and content. */
export function tlv(tag: number, content: Uint8Array): Der {
  const len = lengthOctets(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...items: (Der | undefined)[]): Der => tlv(TAG.SEQUENCE, concat(items.filter((i): i is Der => i !== undefined)));
export const set = (...items: Der[]): Der => tlv(TAG.SET, concat(items));
export const octetString = (b: Uint8Array): Der => tlv(TAG.OCTET_STRING, b);
export const nullValue = (): Der => tlv(TAG.NULL, new Uint8Array(0));
export const boolean = (v: boolean): Der => tlv(TAG.BOOLEAN, Uint8Array.of(v ? 0xff : 0));
/** [n] EXPLICIT (constructed) around an encoding. */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** [n] IMPLICIT of a primitive: the content with a context tag. */
export const implicit = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);

/** A non-negative INTEGER from big-endian magnitude bytes (a leading 0 added when the high bit is set). */
export function unsignedInteger(magnitude: Uint8Array): Der {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  return tlv(TAG.INTEGER, m.length && m[0] & 0x80 ? concat([Uint8Array.of(0), m]) : m.length ? m : Uint8Array.of(0));
}

export function smallInteger(n: number): Der {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a small non-negative integer: ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Uint8Array.from(bytes.length ? bytes : [0]));
}

export function oid(dotted: string): Der {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`not an OID: ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new RangeError(`not an OID: ${dotted}`);
  const out: number[] = [];
  const push = (v: bigint) => {
    const groups: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...groups);
  };
  push(arcs[0] * 40n + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** BIT STRING with no unused bits (keys, signatures). */
export const bitString = (bytes: Uint8Array): Der => tlv(TAG.BIT_STRING, concat([Uint8Array.of(0), bytes]));

/** A named-bit BIT STRING (keyUsage): bit 0 is the most significant bit; trailing zero bits dropped (X.690 §11.2.2). */
export function namedBits(bits: readonly number[]): Der {
  const highest = bits.length ? Math.max(...bits) : -1;
  if (highest < 0) return tlv(TAG.BIT_STRING, Uint8Array.of(0));
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  const unused = 7 - (highest & 7);
  return tlv(TAG.BIT_STRING, concat([Uint8Array.of(unused), bytes]));
}

export const utf8String = (s: string): Der => tlv(TAG.UTF8String, Buffer.from(s, 'utf8'));
export const ia5String = (s: string): Der => tlv(TAG.IA5String, Buffer.from(s, 'latin1'));

export function printableString(s: string): Der {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s)) throw new RangeError(`'${s}' is not a PrintableString`);
  return tlv(TAG.PrintableString, Buffer.from(s, 'latin1'));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; seconds, always Z. */
export function time(d: Date): Der {
  const iso = new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString(); // 2026-11-25T15:04:23.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ''); // 20261125150423
  const year = d.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`a certificate date must fall in 1950-9999: ${iso}`);
  return year < 2050 ? tlv(TAG.UTCTime, Buffer.from(digits.slice(2) + 'Z', 'latin1')) : tlv(TAG.GeneralizedTime, Buffer.from(digits + 'Z', 'latin1'));
}
