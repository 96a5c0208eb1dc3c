/**
 * The PKCS#12 key derivation (RFC 7292 Appendix B.2) for the MAC key, with SHA-256. The KDF
 * hashes its own 32-byte output `iterations` times; node:crypto costs ~2 µs a call (a Hash
 * object and a Buffer each time), so 10,000 iterations cost 20-35 ms per keystore. The repeated
 * step here is one SHA-256 compression of a fixed-shape block (32 bytes, then the padding), on
 * preallocated words: under 0.5 µs. The first hash, over salt and password, is node's.
 */
import { createHash } from 'node:crypto';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** SHA-256 applied `times` times to a 32-byte value (`times` = 0 returns it unchanged). */
export function sha256Iterated(digest: Uint8Array, times: number): Uint8Array {
  if (digest.length !== 32) throw new RangeError('sha256Iterated takes a 32-byte digest');
  const w = new Int32Array(64);
  const h = new Int32Array(8);
  for (let i = 0; i < 8; i++) h[i] = (digest[4 * i] << 24) | (digest[4 * i + 1] << 16) | (digest[4 * i + 2] << 8) | digest[4 * i + 3];
  for (let n = 0; n < times; n++) {
    // One block: the 32-byte message, 0x80, zeros, and the bit length 256.
    for (let i = 0; i < 8; i++) w[i] = h[i];
    w[8] = 0x80000000;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = 256;
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = IV[0], b = IV[1], c = IV[2], d = IV[3], e = IV[4], f = IV[5], g = IV[6], hh = IV[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (IV[0] + a) | 0; h[1] = (IV[1] + b) | 0; h[2] = (IV[2] + c) | 0; h[3] = (IV[3] + d) | 0;
    h[4] = (IV[4] + e) | 0; h[5] = (IV[5] + f) | 0; h[6] = (IV[6] + g) | 0; h[7] = (IV[7] + hh) | 0;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = h[i] >>> 24;
    out[4 * i + 1] = (h[i] >>> 16) & 0xff;
    out[4 * i + 2] = (h[i] >>> 8) & 0xff;
    out[4 * i + 3] = h[i] & 0xff;
  }
  return out;
}

/** The password as a PKCS#12 BMPString: UTF-16BE with a two-byte terminator (RFC 7292 B.1). */
function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), 2 * i);
  return out;
}

function repeatTo(bytes: Uint8Array, v: number): Buffer {
  const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length];
  return out;
}

/** The 32-byte MAC key (ID 3) for HMAC-SHA-256 from a password and salt (RFC 7292 B.2, one block). */
export function pkcs12MacKey(password: string, salt: Uint8Array, iterations: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be a positive integer, not ${iterations}`);
  const v = 64;
  const D = Buffer.alloc(v, 3);
  const I = Buffer.concat([repeatTo(salt, v), repeatTo(bmpPassword(password), v)]);
  const first = createHash('sha256').update(D).update(I).digest();
  return sha256Iterated(first, iterations - 1);
}
