/**
 * A few DER encoders and Java keystore writers for tests and fixtures: hand-made keystores
 * (a JKS truststore; a PKCS#12 whose PBKDF2 iteration count no one should run), built byte by
 * byte so that their content is exactly what the test says.
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export const seq = (...c: Buffer[]) => tlv(0x30, ...c);
export const octets = (b: Buffer) => tlv(0x04, b);
export const nul = () => Buffer.from([0x05, 0x00]);
/** [n] EXPLICIT (constructed) or IMPLICIT primitive. */
export const ctx = (n: number, constructed: boolean, ...c: Buffer[]) => tlv((constructed ? 0xa0 : 0x80) | n, ...c);

/** A non-negative INTEGER, minimal two's complement. */
export function int(n: number | bigint): Buffer {
  let v = BigInt(n);
  const bytes: number[] = [];
  do { bytes.unshift(Number(v & 0xffn)); v >>= 8n; } while (v > 0n);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

/**
 * A PKCS#12 whose one safe is PBES2-encrypted (PBKDF2-HMAC-SHA256, AES-256-CBC) with the given
 * iteration count; the ciphertext is random (nothing in it is ever meant to be decrypted). Stores
 * that are to cost a derivation each need salts of their own (a key is derived once per salt).
 */
export function pkcs12WithIterations(iterations: number | bigint, salt: Buffer = Buffer.alloc(16, 7)): Buffer {
  const pbes2 = seq(oid('1.2.840.113549.1.5.13'), seq(
    seq(oid('1.2.840.113549.1.5.12'), seq(octets(salt), int(iterations), seq(oid('1.2.840.113549.2.9'), nul()))),
    seq(oid('2.16.840.1.101.3.4.1.42'), octets(Buffer.alloc(16, 9))),
  ));
  const encryptedData = seq(int(0), seq(oid('1.2.840.113549.1.7.1'), pbes2, ctx(0, false, Buffer.alloc(64, 1))));
  const authSafe = seq(seq(oid('1.2.840.113549.1.7.6'), ctx(0, true, encryptedData)));
  return seq(int(3), seq(oid('1.2.840.113549.1.7.1'), ctx(0, true, octets(authSafe))));
}

/**
 * A PKCS#12 that Java and TLS Lens read, of certificate bags (friendlyName = alias) and opaque
 * key bags: in a plain `data` safe, or PBES2-encrypted (PBKDF2-HMAC-SHA256, AES-256-CBC) with the
 * password and iteration count given (a small count keeps a test that reads thousands fast).
 */
export function pkcs12Store(certs: readonly { alias: string; der: Uint8Array }[], options: { keys?: number; encrypt?: { password: string; iterations: number } } = {}): Buffer {
  const bmp = (s: string) => tlv(0x1e, Buffer.from(s, 'utf16le').swap16());
  const certBags = certs.map((c) => seq(oid('1.2.840.113549.1.12.10.1.3'), ctx(0, true, seq(oid('1.2.840.113549.1.9.22.1'), ctx(0, true, octets(Buffer.from(c.der))))), tlv(0x31, seq(oid('1.2.840.113549.1.9.20'), tlv(0x31, bmp(c.alias))))));
  const keyBags = Array.from({ length: options.keys ?? 0 }, () => seq(oid('1.2.840.113549.1.12.10.1.2'), ctx(0, true, seq(seq(oid('1.2.840.113549.1.5.13'), nul()), octets(Buffer.alloc(48, 0x5a))))));
  const data = (safe: Buffer) => seq(oid('1.2.840.113549.1.7.1'), ctx(0, true, octets(safe)));
  const safes = [data(seq(...keyBags))];
  if (options.encrypt) {
    const { password, iterations } = options.encrypt;
    const salt = Buffer.alloc(16, 3);
    const iv = Buffer.alloc(16, 4);
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
    const c = createCipheriv('aes-256-cbc', key, iv);
    const encrypted = Buffer.concat([c.update(seq(...certBags)), c.final()]);
    const pbes2 = seq(oid('1.2.840.113549.1.5.13'), seq(
      seq(oid('1.2.840.113549.1.5.12'), seq(octets(salt), int(iterations), seq(oid('1.2.840.113549.2.9'), nul()))),
      seq(oid('2.16.840.1.101.3.4.1.42'), octets(iv)),
    ));
    safes.push(seq(oid('1.2.840.113549.1.7.6'), ctx(0, true, seq(int(0), seq(oid('1.2.840.113549.1.7.1'), pbes2, ctx(0, false, encrypted))))));
  } else {
    safes.push(data(seq(...certBags)));
  }
  return seq(int(3), data(seq(...safes)));
}

/** A JKS keystore of trusted certificates (what `keytool -importcert` writes), with its integrity digest. */
export function jksTruststore(entries: readonly { alias: string; der: Uint8Array }[], password = 'changeit', timestamp = 1_700_000_000_000): Buffer {
  const parts: Buffer[] = [];
  const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
  const utf = (s: string) => { const b = Buffer.from(s, 'utf8'); const l = Buffer.alloc(2); l.writeUInt16BE(b.length); return Buffer.concat([l, b]); };
  parts.push(u32(0xfeedfeed), u32(2), u32(entries.length));
  for (const e of entries) {
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(timestamp));
    parts.push(u32(2), utf(e.alias), ts, utf('X.509'), u32(e.der.length), Buffer.from(e.der));
  }
  const body = Buffer.concat(parts);
  // SHA-1 over the password (UTF-16BE), "Mighty Aphrodite", and the body (sun.security.provider.JavaKeyStore).
  const pw = Buffer.from(password, 'utf16le').swap16();
  const digest = createHash('sha1').update(pw).update('Mighty Aphrodite').update(body).digest();
  return Buffer.concat([body, digest]);
}

/**
 * A JKS keystore with private-key entries (each with its chain, in the order given) and trusted
 * certificates. The protected key is opaque bytes: TLS Lens never decrypts it, and Java reads it
 * only when the key is used (keytool -list loads the store).
 */
export function jksKeystore(entries: readonly ({ alias: string; chain: readonly Uint8Array[] } | { alias: string; der: Uint8Array })[], password = 'changeit', timestamp = 1_700_000_000_000): Buffer {
  const parts: Buffer[] = [];
  const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
  const utf = (s: string) => { const b = Buffer.from(s, 'utf8'); const l = Buffer.alloc(2); l.writeUInt16BE(b.length); return Buffer.concat([l, b]); };
  const cert = (der: Uint8Array) => Buffer.concat([utf('X.509'), u32(der.length), Buffer.from(der)]);
  parts.push(u32(0xfeedfeed), u32(2), u32(entries.length));
  for (const e of entries) {
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(timestamp));
    if ('chain' in e) {
      const protectedKey = Buffer.alloc(64, 0x5a);
      parts.push(u32(1), utf(e.alias), ts, u32(protectedKey.length), protectedKey, u32(e.chain.length), ...e.chain.map(cert));
    } else {
      parts.push(u32(2), utf(e.alias), ts, cert(e.der));
    }
  }
  const body = Buffer.concat(parts);
  const pw = Buffer.from(password, 'utf16le').swap16();
  const digest = createHash('sha1').update(pw).update('Mighty Aphrodite').update(body).digest();
  return Buffer.concat([body, digest]);
}
