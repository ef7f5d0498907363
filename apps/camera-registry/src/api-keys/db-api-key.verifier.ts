import { Injectable, Logger } from '@nestjs/common';
import {
  ApiKeyCache,
  ApiKeyVerifier,
  hashApiKey,
  isWellFormedApiKey,
  type ApiKeyPrincipal,
} from '@gt-vision/backend-auth';
import { ApiKeysRepository } from './api-keys.repository';

/** `last_used_at` is a hint for admins, not an audit log: one write per key per minute at most. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The registry's own API-key check, against its database, for its routes and for the other services
 * (which ask over NATS with the key's hash). For its own routes a short in-process cache keeps a busy
 * client to one query per key every few seconds.
 */
@Injectable()
export class DbApiKeyVerifier extends ApiKeyVerifier {
  private readonly logger = new Logger(DbApiKeyVerifier.name);
  private readonly cache = new ApiKeyCache();
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly repository: ApiKeysRepository) {
    super();
  }

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedApiKey(key)) return null;
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;

    const stamp = this.cache.stamp();
    const principal = await this.verifyHash(hash);
    this.cache.set(hash, principal, stamp);
    return principal;
  }

  /**
   * Straight from the database: what the other services are told over NATS. They cache the answer
   * themselves and drop it on the revocation broadcast; a cache here too could hand them back, from
   * a replica that did not do the revoking, a key that was just revoked.
   */
  async verifyHash(hash: string): Promise<ApiKeyPrincipal | null> {
    const row = await this.repository.findActiveByHash(hash);
    const principal: ApiKeyPrincipal | null = row
      ? { kind: 'api-key', id: row.id, name: row.name, role: row.role }
      : null;
    if (principal) this.touch(principal.id);
    return principal;
  }

  /** Forgets the key's cached answer, so that a key revoked through this replica stops at once. */
  forget(id: string): void {
    this.cache.forgetKey(id);
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
