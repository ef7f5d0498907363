import { createHash } from 'node:crypto';

export const VERIFIED_TOKEN_CACHE_MAX_ENTRIES = 10_000;

/** The time claims a cached verification is re-checked against, in seconds since the epoch. */
export interface TokenTimes {
  iat: number;
  exp: number;
  nbf?: number;
}

interface Entry<T> {
  claims: T;
  times: TokenTimes;
}

/**
 * Access tokens already verified, so that a client sending the same token on every request (a
 * console, a script) costs one ECDSA verification per token rather than per request: on a 2-core
 * server that verification was a tenth of each read request's CPU. The signature, issuer and audience
 * of a token never change, so a hit only re-checks the times against the caller's clock, as a
 * verification would; revocation is not cached here (the revocation store is asked every time).
 * Only verified tokens are kept, keyed by their hash (never the token itself), and the cache is
 * bounded: when full, the oldest entry goes.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = VERIFIED_TOKEN_CACHE_MAX_ENTRIES) {}

  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  /** The claims of a verified token still valid at `nowSeconds` (± tolerance), else undefined. */
  get(key: string, nowSeconds: number, toleranceSeconds: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const { iat, exp, nbf } = entry.times;
    if (exp <= nowSeconds - toleranceSeconds) {
      this.entries.delete(key);
      return undefined;
    }
    // A clock stepped back (or a caller's earlier `now`) must not accept what verification would not.
    if (
      iat > nowSeconds + toleranceSeconds ||
      (nbf !== undefined && nbf > nowSeconds + toleranceSeconds)
    ) {
      return undefined;
    }
    return entry.claims;
  }

  set(key: string, claims: T, times: TokenTimes): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { claims, times });
  }

  get size(): number {
    return this.entries.size;
  }
}
