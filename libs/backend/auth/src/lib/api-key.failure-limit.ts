import { Inject, Injectable } from '@nestjs/common';
import { RedisRateLimit, TooManyRequestsException } from '@gt-vision/backend-rate-limit';
import type Redis from 'ioredis';
import { AuthConfig } from './auth.config';
import { AUTH_REDIS } from './revocation.store';

const WINDOW_SECONDS = 60;

/**
 * Failed `X-Api-Key` checks per client address, shared by every service and replica through Redis: an
 * address that reaches API_KEY_MAX_FAILURES_PER_IP in a minute is refused (429) without its keys being
 * looked up until the minute ends. A key is 256 random bits, so this is not about guessing: it bounds
 * the lookups (NATS round trips, queries) a scanner or a misconfigured client costs. Fails open to a
 * per-process count when Redis is down, so that valid keys keep working. A key the verifier already
 * knows valid (`ApiKeyVerifier.known`, a cached answer) needs no look-up and is not checked here.
 */
@Injectable()
export class ApiKeyFailureLimit {
  private readonly limit: RedisRateLimit;

  constructor(@Inject(AUTH_REDIS) redis: Redis, config: AuthConfig) {
    this.limit = new RedisRateLimit(redis, {
      prefix: 'auth:api-key-failures',
      points: config.API_KEY_MAX_FAILURES_PER_IP,
      windowSeconds: WINDOW_SECONDS,
      blockSeconds: WINDOW_SECONDS,
      whenRedisFails: 'open',
    });
  }

  /** Throws 429 while the address is refused. */
  async admit(address: string): Promise<void> {
    const verdict = await this.limit.check(address);
    if (!verdict.allowed) refuse(verdict.retryAfterSeconds);
  }

  /** Counts a failed check; the one that reaches the limit blocks the address. */
  async recordFailure(address: string): Promise<void> {
    await this.limit.penalise(address);
  }
}

function refuse(retryAfterSeconds: number): never {
  throw new TooManyRequestsException(
    'too many failed API key checks from this address; try again later',
    retryAfterSeconds,
  );
}
