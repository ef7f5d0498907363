import { Injectable, Logger } from '@nestjs/common';
import { ApiKeyVerifier, type ApiKeyPrincipal } from '@gt-vision/backend-auth';
import { hashApiKey, isWellFormedApiKey } from './api-key.format';
import { ApiKeysRepository } from './api-keys.repository';

/** How long an answer (valid or not) is reused: a revoked key stops working within this time. */
export const API_KEY_CACHE_MS = 5_000;
const MAX_CACHED_KEYS = 10_000;
/** `last_used_at` is a hint for admins, not an audit log: one write per key per minute at most. */
const TOUCH_INTERVAL_MS = 60_000;

interface CacheEntry {
  principal: ApiKeyPrincipal | null;
  expiresAt: number;
}

/**
 * The registry's own API-key check, against its database. A short in-process cache keeps a busy
 * client to one query per key every few seconds; other services verify through the registry.
 */
@Injectable()
export class DbApiKeyVerifier extends ApiKeyVerifier {
  private readonly logger = new Logger(DbApiKeyVerifier.name);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly repository: ApiKeysRepository) {
    super();
  }

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedApiKey(key)) return null;
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.principal;

    const row = await this.repository.findActiveByHash(hash);
    const principal: ApiKeyPrincipal | null = row
      ? { kind: 'api-key', id: row.id, name: row.name, role: row.role }
      : null;
    this.remember(hash, principal);
    if (principal) this.touch(principal.id);
    return principal;
  }

  /** Forgets every cached answer, so a key revoked through this replica stops working at once. */
  forgetAll(): void {
    this.cache.clear();
  }

  private remember(hash: string, principal: ApiKeyPrincipal | null): void {
    // Bounded: random bogus keys must not grow the cache without limit. Oldest entries go first.
    if (this.cache.size >= MAX_CACHED_KEYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.delete(hash);
    this.cache.set(hash, { principal, expiresAt: Date.now() + API_KEY_CACHE_MS });
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.touchedAt.get(id) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(id, now);
    this.repository
      .touch(id)
      .catch((error: Error) => this.logger.warn(`could not record API key use: ${error.message}`));
  }
}
