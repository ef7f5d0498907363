import type Redis from 'ioredis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Keeps each limit's counters apart in Redis (`gtv:<prefix>:<key>`). */
  prefix: string;
  /** Points (requests, items, failures) allowed per window. */
  points: number;
  windowSeconds: number;
  /** Once over the limit, refuse for this long (default: until the window ends). */
  blockSeconds?: number;
  /**
   * When Redis cannot be asked: `open` counts in this process instead (each replica then enforces the
   * limit on its own, a looser but still bounded limit), `closed` throws RateLimitUnavailableError.
   */
  whenRedisFails: 'open' | 'closed';
}

export type RateLimitVerdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Redis did not answer and the limit fails closed: the caller answers 503. */
export class RateLimitUnavailableError extends Error {
  constructor(prefix: string, cause: unknown) {
    super(`rate limit ${prefix} unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RateLimitUnavailableError';
  }
}

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A limit over one of rate-limiter-flexible's stores; `RedisRateLimit` is the one services use. */
export abstract class RateLimit {
  protected constructor(
    private readonly limiter: RateLimiterAbstract,
    protected readonly options: RateLimitOptions,
  ) {}

  /** Counts `points` against `key` and says whether they fit. */
  async consume(key: string, points = 1): Promise<RateLimitVerdict> {
    try {
      const res = await this.limiter.consume(key, points);
      return { allowed: true, remaining: res.remainingPoints };
    } catch (outcome) {
      return this.refusal(outcome);
    }
  }

  /** Counts without refusing (e.g. a failed login), and says whether the key has now reached its limit. */
  async penalise(key: string, points = 1): Promise<RateLimitVerdict> {
    try {
      const res = await this.limiter.penalty(key, points);
      if (res.consumedPoints < this.options.points) {
        return { allowed: true, remaining: res.remainingPoints };
      }
      if (this.options.blockSeconds) {
        await this.limiter.block(key, this.options.blockSeconds);
        return { allowed: false, retryAfterSeconds: this.options.blockSeconds };
      }
      return { allowed: false, retryAfterSeconds: retryAfter(res.msBeforeNext) };
    } catch (outcome) {
      return this.refusal(outcome);
    }
  }

  /** Whether the key is refused right now (blocked or over its limit), without counting. */
  async check(key: string): Promise<RateLimitVerdict> {
    try {
      const res = await this.limiter.get(key);
      if (!res || res.consumedPoints <= this.options.points) {
        return { allowed: true, remaining: res?.remainingPoints ?? this.options.points };
      }
      return { allowed: false, retryAfterSeconds: retryAfter(res.msBeforeNext) };
    } catch (outcome) {
      return this.refusal(outcome);
    }
  }

  /** Forgets the key's count and any block. */
  async reset(key: string): Promise<void> {
    try {
      await this.limiter.delete(key);
    } catch (error) {
      throw new RateLimitUnavailableError(this.options.prefix, error);
    }
  }

  private refusal(outcome: unknown): RateLimitVerdict {
    // The library rejects with its result object when over the limit, and with the error otherwise.
    if (outcome instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: retryAfter(outcome.msBeforeNext) };
    }
    throw new RateLimitUnavailableError(this.options.prefix, outcome);
  }
}

/**
 * A limit shared by every replica through Redis (rate-limiter-flexible: one atomic round trip per
 * check). Keys already over their limit are refused from memory until their window ends, so a
 * client hammering past its limit costs no Redis traffic.
 */
export class RedisRateLimit extends RateLimit {
  constructor(redis: Redis, options: RateLimitOptions) {
    super(
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `gtv:${options.prefix}`,
        points: options.points,
        duration: options.windowSeconds,
        blockDuration: options.blockSeconds ?? 0,
        inMemoryBlockOnConsumed: options.points + 1,
        inMemoryBlockDuration: options.blockSeconds ?? options.windowSeconds,
        insuranceLimiter:
          options.whenRedisFails === 'open'
            ? new RateLimiterMemory({ points: options.points, duration: options.windowSeconds })
            : undefined,
      }),
      options,
    );
  }
}

/**
 * The same limit counted in this process only: for unit tests of what builds on a limit, which then
 * run the library's real counting instead of a fake of it.
 */
export class MemoryRateLimit extends RateLimit {
  constructor(options: RateLimitOptions) {
    super(
      new RateLimiterMemory({
        keyPrefix: `gtv:${options.prefix}`,
        points: options.points,
        duration: options.windowSeconds,
        blockDuration: options.blockSeconds ?? 0,
      }),
      options,
    );
  }
}
