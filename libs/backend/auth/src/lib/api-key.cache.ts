import type { ApiKeyPrincipal } from './principal';

/** How long an answer (valid or not) is reused: a key whose revocation was missed dies within it. */
export const API_KEY_CACHE_MS = 5_000;
export const API_KEY_CACHE_MAX_ENTRIES = 10_000;

interface Entry {
  principal: ApiKeyPrincipal | null;
  expiresAt: number;
}

/**
 * Recent answers of an API-key verifier, keyed by the key's hash (never the key itself). Bounded, so
 * that a flood of bogus keys cannot grow it: when full, the oldest entry goes.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget, so that an answer fetched across a revocation is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs = API_KEY_CACHE_MS,
    private readonly maxEntries = API_KEY_CACHE_MAX_ENTRIES,
  ) {}

  /** The cached principal, null for a key known to be invalid, undefined when not cached. */
  get(hash: string): ApiKeyPrincipal | null | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  /** Take before asking the source of truth; hand to `set` with its answer. */
  stamp(): number {
    return this.generation;
  }

  /** Keeps the answer, unless a key was revoked since `stamp` (the answer may predate it). */
  set(hash: string, principal: ApiKeyPrincipal | null, stamp: number): void {
    if (stamp !== this.generation) return;
    this.entries.delete(hash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { principal, expiresAt: Date.now() + this.ttlMs });
  }

  /** Drops what is cached about the key with this id, at once. */
  forgetKey(id: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) {
      if (entry.principal?.id === id) this.entries.delete(hash);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
