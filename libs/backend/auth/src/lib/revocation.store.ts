import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AccessTokenClaims } from './access-token';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from './jwt';

/** The service's Redis client, bound by `AuthModule.forRoot({ redis })`. */
export const AUTH_REDIS = Symbol('AUTH_REDIS');

const keys = {
  token: (jti: string) => `gtv:auth:revoked:jti:${jti}`,
  family: (family: string) => `gtv:auth:revoked:fam:${family}`,
  userBefore: (userId: string) => `gtv:auth:revoked-before:${userId}`,
};

/**
 * The revocation list shared by every replica of every service. Entries only need to outlive the
 * access tokens they cancel (minutes), so each expires with them and the list stays small.
 */
@Injectable()
export class RevocationStore {
  constructor(@Inject(AUTH_REDIS) private readonly redis: Redis) {}

  /** Cancels one access token (its `jti`) until it would have expired anyway. */
  async revokeToken(jti: string, until: Date): Promise<void> {
    const ttl = ttlSeconds(until);
    if (ttl > 0) await this.redis.set(keys.token(jti), '1', 'EX', ttl);
  }

  /** Cancels every access token issued from these refresh-token families. */
  async revokeFamilies(families: readonly string[], until: Date): Promise<void> {
    const ttl = ttlSeconds(until);
    if (ttl <= 0 || families.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const family of families) pipeline.set(keys.family(family), '1', 'EX', ttl);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  /** Cancels every access token of a user issued before `at` (disabled, deleted, new password). */
  async revokeUserTokensIssuedBefore(userId: string, at: Date, until: Date): Promise<void> {
    const ttl = ttlSeconds(until);
    const seconds = Math.floor(at.getTime() / 1000);
    if (ttl > 0) await this.redis.set(keys.userBefore(userId), String(seconds), 'EX', ttl);
  }

  /** One round trip per request, whichever of the three rules applies. */
  async isRevoked(
    claims: Pick<AccessTokenClaims, 'jti' | 'fam' | 'sub' | 'iat'>,
  ): Promise<boolean> {
    const [token, family, before] = await this.redis.mget(
      keys.token(claims.jti),
      keys.family(claims.fam),
      keys.userBefore(claims.sub),
    );
    // iat has one-second resolution: a token from the very second of the revocation survives this
    // rule, which is why disabling a user also revokes each of their families.
    return token !== null || family !== null || (before !== null && claims.iat < Number(before));
  }
}

/** Seconds until `until`, plus the verifier's clock tolerance, during which a token still passes. */
function ttlSeconds(until: Date): number {
  const remaining = Math.ceil((until.getTime() - Date.now()) / 1000);
  return remaining > 0 ? remaining + DEFAULT_CLOCK_TOLERANCE_SECONDS : 0;
}
