import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceUnavailableException } from '@nestjs/common';
import { RateLimitUnavailableError, RedisRateLimit } from '@gt-vision/backend-rate-limit';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';
import { RegistryAuthConfig } from './registry-auth.config';

const WINDOW_SECONDS = 60;

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'ip' | 'username' | 'locked'; retryAfterSeconds: number };

const MESSAGES = {
  ip: 'too many login attempts from this address; try again later',
  username: 'too many login attempts for this username; try again later',
  locked: 'too many failed logins for this username; it is locked for a while',
};

/** 429 with the seconds to wait; `RetryAfterInterceptor` turns them into a `Retry-After` header. */
export class TooManyLoginAttemptsException extends HttpException {
  constructor(readonly verdict: Extract<ThrottleVerdict, { allowed: false }>) {
    super(MESSAGES[verdict.reason], HttpStatus.TOO_MANY_REQUESTS);
  }

  get retryAfterSeconds(): number {
    return this.verdict.retryAfterSeconds;
  }
}

/**
 * Login rate limits (per client IP and per username, one-minute windows) and lock-out after repeated
 * failures, on the project's one rate limiter (libs/backend/rate-limit: rate-limiter-flexible in
 * Redis), so that every replica counts the same attempts. Keyed by the username as typed (any case),
 * whether or not it exists, so the answers do not reveal which accounts exist. Fails closed: without
 * the shared counts, passwords could be guessed at full speed.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly perIp: RedisRateLimit;
  private readonly perUsername: RedisRateLimit;
  /** LOGIN_LOCKOUT_THRESHOLD failures within the lock-out period lock the username for that long. */
  private readonly failures: RedisRateLimit;

  constructor(@Inject(REDIS) redis: Redis, config: RegistryAuthConfig) {
    const limit = (prefix: string, points: number, windowSeconds: number, blockSeconds?: number) =>
      new RedisRateLimit(redis, {
        prefix,
        points,
        windowSeconds,
        blockSeconds,
        whenRedisFails: 'closed',
      });
    this.perIp = limit('login:ip', config.LOGIN_MAX_ATTEMPTS_PER_IP, WINDOW_SECONDS);
    this.perUsername = limit('login:user', config.LOGIN_MAX_ATTEMPTS_PER_USERNAME, WINDOW_SECONDS);
    const lockout = config.LOGIN_LOCKOUT_SECONDS;
    this.failures = limit('login:failures', config.LOGIN_LOCKOUT_THRESHOLD, lockout, lockout);
  }

  /** Counts the attempt and throws 429 when the username is locked or the attempt is over a limit. */
  async admit(ip: string, username: string): Promise<void> {
    const key = username.toLowerCase();
    const lock = await this.shared(() => this.failures.check(key));
    if (!lock.allowed) refuse('locked', lock.retryAfterSeconds);
    const [byIp, byUsername] = await this.shared(() =>
      Promise.all([this.perIp.consume(ip), this.perUsername.consume(key)]),
    );
    if (!byIp.allowed) refuse('ip', byIp.retryAfterSeconds);
    if (!byUsername.allowed) refuse('username', byUsername.retryAfterSeconds);
  }

  /** Counts a failure; the one that reaches the threshold locks the username: when the lock ends. */
  async recordFailure(username: string): Promise<Date | null> {
    const verdict = await this.shared(() => this.failures.penalise(username.toLowerCase()));
    if (verdict.allowed) return null;
    this.logger.warn(
      `username ${JSON.stringify(username)} locked for ${verdict.retryAfterSeconds} s`,
    );
    return new Date(Date.now() + verdict.retryAfterSeconds * 1000);
  }

  /** Failures count only while they follow each other: a success starts again from zero. */
  async recordSuccess(username: string): Promise<void> {
    await this.shared(() => this.failures.reset(username.toLowerCase()));
  }

  /** Lifts a lock-out, e.g. when an admin sets a new password. */
  async clear(username: string): Promise<void> {
    await this.shared(() => this.failures.reset(username.toLowerCase()));
  }

  private async shared<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RateLimitUnavailableError)) throw error;
      this.logger.warn(`login throttle unavailable: ${error.message}`);
      throw new ServiceUnavailableException('login is unavailable right now; retry shortly');
    }
  }
}

function refuse(reason: 'ip' | 'username' | 'locked', retryAfterSeconds: number): never {
  throw new TooManyLoginAttemptsException({ allowed: false, reason, retryAfterSeconds });
}
