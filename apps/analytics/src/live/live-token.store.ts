import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import { REDIS } from '@gt-vision/backend-redis';
import type { LiveTokenResponseDto } from '@gt-vision/shared-types';
import type Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { LiveConfig } from './live.config';

const KEY_PREFIX = 'gtv:analytics:live-token:';

/** Only the token's hash is a key: a Redis dump does not hand out working tokens. */
function keyOf(token: string): string {
  return KEY_PREFIX + createHash('sha256').update(token).digest('base64url');
}

/**
 * Short-lived, one-time tokens for `/ws/live/?token=` (a browser cannot set headers on a WebSocket,
 * and a long-lived token in a URL ends up in logs). Kept in Redis so any replica can redeem a token
 * another one issued; GETDEL makes redeeming atomic, so a token works once.
 */
@Injectable()
export class LiveTokenStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: LiveConfig,
  ) {}

  async issue(principal: Principal): Promise<LiveTokenResponseDto> {
    const token = randomBytes(32).toString('base64url');
    const ttl = this.config.LIVE_TOKEN_TTL_SECONDS;
    try {
      await this.redis.set(keyOf(token), JSON.stringify(principal), 'EX', ttl);
    } catch {
      throw new ServiceUnavailableException('cannot issue live tokens right now; retry shortly');
    }
    return { token, expiresInSeconds: ttl };
  }

  /** The principal it was issued to, or null when unknown, expired or already used. */
  async redeem(token: string): Promise<Principal | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const stored = await this.redis.getdel(keyOf(token));
    return stored === null ? null : (JSON.parse(stored) as Principal);
  }
}
