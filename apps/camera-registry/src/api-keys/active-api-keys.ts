import { Inject, Injectable } from '@nestjs/common';
import type { ApiKeyPrincipal } from '@gt-vision/backend-auth';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ApiKeysRepository } from './api-keys.repository';

/**
 * Changed (to a fresh random value) after every key creation and revocation. A random value rather than
 * a counter: after Redis loses its data, a counter could come back to a value a replica loaded at.
 */
const VERSION_KEY = 'gtv:api-keys:version';

interface Loaded {
  version: string | null;
  keys: Promise<Map<string, ApiKeyPrincipal>>;
}

/**
 * Every active API key of the registry, by hash, in memory: an unknown key is answered without a query,
 * however many different ones a scanner sends. There are few keys (machine clients), so all of them fit.
 * Each lookup reads the version in Redis (one round trip) and reloads the set when another replica (or
 * this one) created or revoked a key since; the version is read before the set, so a change that lands
 * during a reload makes the next lookup reload again. A key is usable once `create` has answered,
 * because the version changes before the key is handed out.
 */
@Injectable()
export class ActiveApiKeys {
  private loaded?: Loaded;

  constructor(
    private readonly repository: ApiKeysRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The active key with this hash; null when there is none. Throws when Redis or the database fails. */
  async find(hash: string): Promise<ApiKeyPrincipal | null> {
    const version = await this.redis.get(VERSION_KEY);
    return (await this.at(version)).get(hash) ?? null;
  }

  /** Call after a key was created or revoked (committed), before answering. */
  async changed(): Promise<void> {
    await this.redis.set(VERSION_KEY, randomUUID());
  }

  private at(version: string | null): Promise<Map<string, ApiKeyPrincipal>> {
    if (this.loaded?.version !== version) {
      const loaded: Loaded = { version, keys: this.load() };
      this.loaded = loaded;
      // A failed load is not kept: the next lookup tries again.
      loaded.keys.catch(() => {
        if (this.loaded === loaded) this.loaded = undefined;
      });
    }
    return this.loaded.keys;
  }

  private async load(): Promise<Map<string, ApiKeyPrincipal>> {
    const rows = await this.repository.listActive();
    return new Map(
      rows.map((row) => [
        row.key_hash,
        { kind: 'api-key', id: row.id, name: row.name, role: row.role } as const,
      ]),
    );
  }
}
