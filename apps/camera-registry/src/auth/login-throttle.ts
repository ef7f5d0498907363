import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceUnavailableException } from '@nestjs/common';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';
import { RegistryAuthConfig } from './registry-auth.config';

const WINDOW_SECONDS = 60;

const keys = {
  ip: (ip: string) => `gtv:login:ip:${ip}`,
  username: (username: string) => `gtv:login:user:${username.toLowerCase()}`,
  failures: (username: string) => `gtv:login:failures:${username.toLowerCase()}`,
  lock: (username: string) => `gtv:login:lock:${username.toLowerCase()}`,
};

export interface ThrottleLimits {
  perIp: number;
  perUsername: number;
}

/** Counters read in one round trip before a login attempt; TTLs in milliseconds (≤ 0: none). */
export interface ThrottleCounters {
  ipAttempts: number;
  ipTtlMs: number;
  usernameAttempts: number;
  usernameTtlMs: number;
  lockTtlMs: number;
}

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'ip' | 'username' | 'locked'; retryAfterSeconds: number };

const retryAfter = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs / 1000));

/** Whether a login attempt may go ahead; a lock-out wins over the rate limits. */
export function decide(counters: ThrottleCounters, limits: ThrottleLimits): ThrottleVerdict {
  if (counters.lockTtlMs > 0) {
    return { allowed: false, reason: 'locked', retryAfterSeconds: retryAfter(counters.lockTtlMs) };
  }
  if (counters.ipAttempts > limits.perIp) {
    return { allowed: false, reason: 'ip', retryAfterSeconds: retryAfter(counters.ipTtlMs) };
  }
  if (counters.usernameAttempts > limits.perUsername) {
    const retryAfterSeconds = retryAfter(counters.usernameTtlMs);
    return { allowed: false, reason: 'username', retryAfterSeconds };
  }
  return { allowed: true };
}

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
 * Login rate limits (per client IP and per username, fixed one-minute windows) and lock-out after
 * consecutive failures, all in Redis so that every replica counts the same attempts. Keyed by the
 * username as typed, whether or not it exists, so the answers do not reveal which accounts exist.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: RegistryAuthConfig,
  ) {}

  /** Counts the attempt and throws 429 when it is over a limit or the username is locked. */
  async admit(ip: string, username: string): Promise<void> {
    const results = await this.exec(
      this.redis
        .multi()
        .incr(keys.ip(ip))
        .expire(keys.ip(ip), WINDOW_SECONDS, 'NX')
        .incr(keys.username(username))
        .expire(keys.username(username), WINDOW_SECONDS, 'NX')
        .pttl(keys.ip(ip))
        .pttl(keys.username(username))
        .pttl(keys.lock(username)),
    );
    const [ipAttempts, , usernameAttempts, , ipTtlMs, usernameTtlMs, lockTtlMs] =
      results.map(Number);
    const verdict = decide(
      { ipAttempts, ipTtlMs, usernameAttempts, usernameTtlMs, lockTtlMs },
      {
        perIp: this.config.LOGIN_MAX_ATTEMPTS_PER_IP,
        perUsername: this.config.LOGIN_MAX_ATTEMPTS_PER_USERNAME,
      },
    );
    if (!verdict.allowed) throw new TooManyLoginAttemptsException(verdict);
  }

  /**
   * Counts a failure. Failures are consecutive while each comes within the lock-out period of the
   * previous one; reaching the threshold locks the username and answers when the lock ends.
   */
  async recordFailure(username: string): Promise<Date | null> {
    const seconds = this.config.LOGIN_LOCKOUT_SECONDS;
    const [failures] = await this.exec(
      this.redis.multi().incr(keys.failures(username)).expire(keys.failures(username), seconds),
    );
    if (Number(failures) < this.config.LOGIN_LOCKOUT_THRESHOLD) return null;
    await this.exec(
      this.redis.multi().set(keys.lock(username), '1', 'EX', seconds).del(keys.failures(username)),
    );
    this.logger.warn(`username ${JSON.stringify(username)} locked for ${seconds} s`);
    return new Date(Date.now() + seconds * 1000);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.exec(this.redis.multi().del(keys.failures(username)));
  }

  /** Lifts a lock-out, e.g. when an admin sets a new password. */
  async clear(username: string): Promise<void> {
    await this.exec(this.redis.multi().del(keys.failures(username), keys.lock(username)));
  }

  /** Fails closed: without the shared counters, logins could be guessed at full speed. */
  private async exec(multi: ReturnType<Redis['multi']>): Promise<unknown[]> {
    let results: [Error | null, unknown][] | null;
    try {
      results = await multi.exec();
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      throw new ServiceUnavailableException('login is unavailable right now; retry shortly');
    }
    const failed = results?.find(([error]) => error);
    if (!results || failed) {
      this.logger.warn(`login throttle failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
      throw new ServiceUnavailableException('login is unavailable right now; retry shortly');
    }
    return results.map(([, value]) => value);
  }
}
