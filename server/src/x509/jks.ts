/**
 * JKS, Sun's keystore format (sun.security.provider.JavaKeyStore): magic FEEDFEED, a version, a
 * count of entries, each a private-key entry (its protected key, never decrypted, and its chain)
 * or a trusted certificate. Every length field is checked against what is left before it is
 * used, so a malformed store is described in its own terms ("entry 1's certificate says it is
 * 2,147,483,681 bytes long, and 514 bytes are left"), never in Node's.
 */
import { CertificateFacts, parseCertificate } from './certificate';
import { DerError } from './der';
import { KeystoreMalformed, KeystoreResult } from './keystoreTypes';

export const JKS_MAGIC = 0xfeedfeed;
export const JCEKS_MAGIC = 0xcececece;

/** The least an entry takes: tag (4), alias length (2), timestamp (8), a certificate's length (4). */
const MIN_ENTRY_BYTES = 18;

const n = (v: number) => v.toLocaleString('en-US');

class Reader {
  private p = 0;
  constructor(private readonly b: Buffer) {}

  get left(): number {
    return this.b.length - this.p;
  }

  private fixed(size: number, what: string): number {
    if (size > this.left) throw new KeystoreMalformed(`it is a JKS keystore cut short: it ends inside ${what}`);
    const at = this.p;
    this.p += size;
    return at;
  }

  u16(what: string): number { return this.b.readUInt16BE(this.fixed(2, what)); }
  u32(what: string): number { return this.b.readUInt32BE(this.fixed(4, what)); }
  skip(size: number, what: string): void { this.fixed(size, what); }

  /** `size` bytes that a length field announced: past the end, the length is what is wrong. */
  bytes(size: number, what: string): Buffer {
    if (size > this.left) {
      throw new KeystoreMalformed(`it is a JKS keystore in which ${what} says it is ${n(size)} bytes long, and ${n(this.left)} bytes are left`);
    }
    const at = this.p;
    this.p += size;
    return this.b.subarray(at, at + size);
  }

  /** Java's writeUTF: a 2-byte length, then (modified) UTF-8. */
  utf(what: string): string {
    const size = this.u16(`the length of ${what}`);
    return this.bytes(size, what).toString('utf8');
  }
}

function certificate(der: Buffer, what: string): CertificateFacts {
  try {
    return parseCertificate(new Uint8Array(der));
  } catch (e) {
    throw new KeystoreMalformed(
      `it is a JKS keystore whose ${what} is not an X.509 certificate${e instanceof DerError ? ` (${e.reason} at byte ${e.offset})` : ''}`,
    );
  }
}

/** Reads a JKS keystore: its certificates, each private-key entry's chain, and the aliases. */
export function readJks(bytes: Uint8Array): KeystoreResult {
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (r.u32('its magic number') !== JKS_MAGIC) throw new KeystoreMalformed('it is not a JKS keystore (no FEEDFEED magic number)');
  const version = r.u32('its version');
  if (version !== 1 && version !== 2) {
    throw new KeystoreMalformed(`it is a JKS keystore of version ${n(version)}, which TLS Lens does not read (Java writes version 2)`);
  }
  const count = r.u32('its count of entries');
  if (count > r.left / MIN_ENTRY_BYTES) {
    throw new KeystoreMalformed(
      `it is a JKS keystore that says it holds ${n(count)} entries, and it has room for ${n(Math.floor(r.left / MIN_ENTRY_BYTES))} at most`,
    );
  }
  const certs: CertificateFacts[] = [];
  const chains: number[][] = [];
  const aliases: (string | undefined)[] = [];
  let keyEntries = 0;
  for (let i = 1; i <= count; i++) {
    const entry = `entry ${n(i)}`;
    const tag = r.u32(`${entry}'s kind`);
    const alias = r.utf(`${entry}'s alias`);
    r.skip(8, `${entry}'s date`);
    const cert = (what: string) => {
      if (version === 2) r.utf(`the type of ${what}`); // "X.509"
      const der = r.bytes(r.u32(`the length of ${what}`), what);
      certs.push(certificate(der, what));
      aliases.push(alias);
    };
    if (tag === 1) {
      keyEntries++;
      r.bytes(r.u32(`the length of ${entry}'s protected key`), `${entry}'s protected key`); // never decrypted
      const length = r.u32(`the length of ${entry}'s chain`);
      if (length > r.left / 4) {
        throw new KeystoreMalformed(`it is a JKS keystore whose ${entry} says its chain holds ${n(length)} certificates, and ${n(r.left)} bytes are left`);
      }
      const chain: number[] = [];
      for (let j = 1; j <= length; j++) { chain.push(certs.length); cert(`${entry}'s certificate ${n(j)}`); }
      chains.push(chain);
    } else if (tag === 2) {
      cert(`${entry}'s certificate`);
    } else if (tag === 3) {
      throw new KeystoreMalformed(`it is a JKS keystore whose ${entry} is a secret-key entry, which only JCEKS keystores hold`);
    } else {
      throw new KeystoreMalformed(`it is a JKS keystore whose ${entry} is of no kind JKS has (tag ${n(tag)}; 1 is a private key, 2 a trusted certificate)`);
    }
  }
  return { format: 'JKS', certs, chains, aliases, keyEntries };
}
