import { Injectable, Logger } from '@nestjs/common';
import {
  ApiKeyVerifier,
  hashApiKey,
  isWellFormedApiKey,
  type ApiKeyPrincipal,
} from '@gt-vision/backend-auth';
import { ActiveApiKeys } from './active-api-keys';
import { ApiKeysRepository } from './api-keys.repository';

/** `last_used_at` is a hint for admins, not an audit log: one write per key per minute at most. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The registry's own API-key check, for its routes and for the other services (which ask over NATS
 * with the key's hash), against the active keys it holds in memory: no query per request, known key
 * or not, and a revocation through any replica is seen by the next request.
 */
@Injectable()
export class DbApiKeyVerifier extends ApiKeyVerifier {
  private readonly logger = new Logger(DbApiKeyVerifier.name);
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly activeKeys: ActiveApiKeys,
  ) {
    super();
  }

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedApiKey(key)) return null;
    return this.verifyHash(hashApiKey(key));
  }

  async verifyHash(hash: string): Promise<ApiKeyPrincipal | null> {
    const principal = await this.activeKeys.find(hash);
    if (principal) this.touch(principal.id);
    return principal;
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
