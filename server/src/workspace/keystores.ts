/**
 * The keystores references name, as the workspace index resolves them: each read once per
 * content and passwords (final results only), its keys derived under the analysis's budget
 * (x509/keyDerivation.ts). What cannot be read says why, in the store's own terms.
 */
import { createHash } from 'node:crypto';
import type { Span } from '../core/types';
import { LruCache } from '../util/lru';
import type { KeyDerivations } from '../x509/keyDerivation';
import { KeystoreMalformed, KeystoreRefused, KeystoreResult, readKeystore } from '../x509/keystore';
import type { Resolution } from './view';

export class Keystores {
  private readonly results = new LruCache<string, KeystoreResult | Error>(256);

  constructor(readonly keys: KeyDerivations) {}

  private read(bytes: Uint8Array, passwords: readonly string[]): KeystoreResult | Error {
    const key = `${createHash('sha256').update(bytes).digest('hex')}\0${createHash('sha256').update(passwords.join('\0')).digest('hex')}`;
    const hit = this.results.get(key);
    if (hit !== undefined) return hit;
    let r: KeystoreResult | Error;
    try {
      r = readKeystore(bytes, passwords, this.keys.derive);
    } catch (e) {
      r = e instanceof Error ? e : new Error(String(e));
    }
    // A store waiting for a key, or past the budget, is read again when asked again.
    if (r instanceof Error || !r.deferred) this.results.set(key, r);
    return r;
  }

  /** What a reference to a keystore (its bytes, at `file`/`span`, named `what` in messages) resolves to. */
  resolution(bytes: Uint8Array | undefined, passwords: readonly string[], file: string, span: Span, what: string): Resolution {
    const where = { path: file, span };
    if (!bytes) return { certs: [], keys: [], where, description: `${what} (not base64: not read)`, problem: { kind: 'unreadable', message: 'it is not base64' } };
    const r = this.read(bytes, passwords);
    if (r instanceof Error) {
      const refused = r instanceof KeystoreRefused;
      // The reader's own words about the store; anything else it threw is not quoted (Node's words).
      const message = refused || r instanceof KeystoreMalformed ? r.message : 'it is not a PKCS#12 or JKS keystore TLS Lens can read';
      return { certs: [], keys: [], where, description: `${what} (${message})`, problem: { kind: refused ? 'refused' : 'unreadable', message } };
    }
    const password = r.opened ?? passwords[0];
    const problem: Resolution['problem'] = r.deferred === 'budget'
      ? {
        kind: 'budget',
        message: `key derivation budget spent (${this.keys.budget.toLocaleString('en-US')} PBKDF2 iterations per `
          + `${this.keys.renewsEveryMs === undefined ? 'workspace analysis' : 'minute'}, taken by the keystores read before it`
          + `${this.keys.renewsEveryMs === undefined ? '' : '; it is tried again when the budget renews'})`,
      }
      : r.deferred === 'pending'
        ? { kind: 'pending', message: 'its key is being derived' }
        : r.problem ? { kind: 'password', message: r.problem } : undefined;
    return {
      certs: r.certs.map((cert) => ({ cert, path: file, span })),
      keys: [],
      where,
      description: `${what} (${r.format}, ${r.certs.length} certificate(s)${problem ? `; ${problem.kind === 'budget' ? 'not opened: ' : ''}${problem.message}` : ''})`,
      keystore: {
        name: what,
        format: r.format,
        chains: r.chains ?? [],
        keyEntries: r.keyEntries,
        aliases: r.aliases,
        ...(password !== undefined ? { password } : {}),
      },
      ...(problem ? { problem } : {}),
    };
  }
}
