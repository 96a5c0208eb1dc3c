/**
 * PBKDF2 for keystores, under a budget per workspace analysis. One keystore at 4,999,999
 * iterations is legal (Java's cap is 5,000,000) and costs 1-2 s; twelve of them cost 13-25 s, and
 * a repository can hold a hundred. So the iterations TLS Lens spends are counted across every
 * keystore of an analysis (a CLI run; in the language server, each minute of its engine's life):
 * past the budget, a store is not opened, and says so. In the language server the budget renews
 * every minute and the stores that went without are tried again then, so a store whose password
 * was just corrected, or one added later, is not shut out until a restart, and a repository of a
 * hundred slow stores costs a few seconds of one core a minute, off the engine's thread.
 *
 * Derived keys are kept per derivation (password, salt, iterations, PRF, length: what a key
 * depends on, so a store that changes gets new ones) and never derived twice: an edit never pays
 * for a keystore again. Two ways to derive:
 * - at once (the CLI, tests): pbkdf2Sync, the analysis waits;
 * - in the background (the engine worker): crypto.pbkdf2 on libuv's thread pool, one at a time,
 *   while the worker answers hovers and checks other documents; `derive` says "pending" and
 *   `onDerived` is called when a key is ready, so that what asked can be checked again.
 */
import { createHash, pbkdf2, pbkdf2Sync } from 'node:crypto';
import { LruCache } from '../util/lru';

export interface Pbkdf2Request {
  readonly password: string;
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly keyLength: number;
  /** The HMAC's hash: sha1, sha256, … */
  readonly digest: string;
}

/** A key, or why there is none now: being derived in the background, or the budget is spent. */
export type Derived = Buffer | 'pending' | 'spent';

/** How a keystore reader gets a key. */
export type Derive = (r: Pbkdf2Request) => Derived;

/**
 * PBKDF2 iterations one workspace analysis may spend on keystores, in all: two stores at Java's
 * cap (≈ 2-4 s of one core), thousands at the counts keytool (10,000) and OpenSSL 3 (2,048) use.
 */
export const KEY_DERIVATION_BUDGET = 10_000_000;

/** No budget, no cache: for reading one store on purpose (the generate commands' tests). */
export const deriveAtOnce: Derive = (r) => pbkdf2Sync(Buffer.from(r.password, 'utf8'), r.salt, r.iterations, r.keyLength, r.digest);

function cacheKey(r: Pbkdf2Request): string {
  const h = createHash('sha256');
  for (const part of [r.digest, String(r.iterations), String(r.keyLength), Buffer.from(r.salt).toString('base64'), r.password]) {
    h.update(`${part.length}:`).update(part);
  }
  return h.digest('base64');
}

export interface KeyDerivationOptions {
  /** Iterations per analysis (default KEY_DERIVATION_BUDGET). */
  readonly budget?: number;
  /** Derive off this thread; called each time a key is ready, and when the budget renews. */
  readonly background?: { onDerived(): void };
  /** In the background: the budget renews this often (default a minute). */
  readonly renewMs?: number;
}

/** How often the language server's budget renews. */
export const KEY_DERIVATION_RENEW_MS = 60_000;

export class KeyDerivations {
  readonly budget: number;
  /** Iterations spent (or promised to a derivation under way) so far. */
  spent = 0;
  private readonly keys = new LruCache<string, Buffer>(1024);
  private readonly queue: { key: string; request: Pbkdf2Request }[] = [];
  private readonly underWay = new Set<string>();
  private running = false;
  private renewal: NodeJS.Timeout | undefined;

  constructor(private readonly options: KeyDerivationOptions = {}) {
    this.budget = options.budget ?? KEY_DERIVATION_BUDGET;
  }

  /** In the background, when the budget renews (the stores refused meanwhile are tried again then); undefined for one analysis (the CLI). */
  get renewsEveryMs(): number | undefined {
    return this.options.background ? this.options.renewMs ?? KEY_DERIVATION_RENEW_MS : undefined;
  }

  /** A store went without: in the background, renew the budget a period on and say so, once. */
  private refused(): 'spent' {
    const every = this.renewsEveryMs;
    if (every !== undefined && !this.renewal) {
      this.renewal = setTimeout(() => {
        this.renewal = undefined;
        this.spent = 0; // derivations under way were counted in the period that started them
        this.options.background!.onDerived();
      }, every);
    }
    return 'spent';
  }

  readonly derive: Derive = (r) => {
    const key = cacheKey(r);
    const hit = this.keys.get(key);
    if (hit) return hit;
    if (this.underWay.has(key)) return 'pending';
    if (this.spent + r.iterations > this.budget) return this.refused();
    this.spent += r.iterations;
    if (!this.options.background) {
      const derived = pbkdf2Sync(Buffer.from(r.password, 'utf8'), r.salt, r.iterations, r.keyLength, r.digest);
      this.keys.set(key, derived);
      return derived;
    }
    this.underWay.add(key);
    this.queue.push({ key, request: r });
    this.next();
    return 'pending';
  };

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = true;
    const r = job.request;
    pbkdf2(Buffer.from(r.password, 'utf8'), r.salt, r.iterations, r.keyLength, r.digest, (err, derived) => {
      this.running = false;
      this.underWay.delete(job.key);
      // A failure (an unknown digest) is a key that opens nothing: the store reports its password problem.
      this.keys.set(job.key, err ? Buffer.alloc(r.keyLength) : derived);
      this.options.background!.onDerived();
      this.next();
    });
  }
}
