/** What reading a Java keystore gives (x509/keystore.ts for PKCS#12, x509/jks.ts for JKS), and how it fails. */
import type { CertificateFacts } from './certificate';

export interface KeystoreResult {
  readonly format: 'PKCS12' | 'JKS';
  readonly certs: readonly CertificateFacts[];
  /**
   * JKS: each private-key entry's chain, as indexes into `certs`, in the order the entry holds it
   * (the order Java presents it). PKCS#12 stores have none: Java builds the chain from the bags by
   * issuer, in any order.
   */
  readonly chains?: readonly (readonly number[])[];
  /** Set when some content could not be read (wrong password, unsupported encryption). */
  readonly problem?: string;
  /** Private-key entries (PKCS#12 key bags; JKS key entries). */
  readonly keyEntries: number;
  /** Per certificate (same indexes as `certs`): its alias (PKCS#12 friendlyName, JKS alias). */
  readonly aliases: readonly (string | undefined)[];
  /** The password that decrypted the certificates (PKCS#12 with encrypted certificates). */
  readonly opened?: string;
  /**
   * Set when encrypted certificates were not read for want of a key: it is being derived in the
   * background (`pending`: ask again when it is ready), or the analysis's key-derivation budget is
   * spent (`budget`). Such a result is not final: it is never cached as the store's content.
   */
  readonly deferred?: 'pending' | 'budget';
}

/** A keystore Java would refuse too (an iteration count over its cap): the message says why. */
export class KeystoreRefused extends Error {}

/**
 * A keystore that is not well-formed. The message says what is wrong in the keystore's own terms
 * (its entries, lengths, bags and safes), as a clause that follows "cannot be read: ".
 */
export class KeystoreMalformed extends Error {}
