import { ServiceUnavailableException } from '@nestjs/common';
import { RateLimit, RateLimitUnavailableError } from '@gt-vision/backend-rate-limit';
import type Redis from 'ioredis';
import { LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { RegistryAuthConfig } from './registry-auth.config';

// The same library counting in memory instead of Redis (the stack's e2e specs count in Redis).
jest.mock('@gt-vision/backend-rate-limit', () => {
  const actual = jest.requireActual('@gt-vision/backend-rate-limit');
  return {
    ...actual,
    RedisRateLimit: jest.fn((_redis, options) => new actual.MemoryRateLimit(options)),
  };
});

describe('LoginThrottle', () => {
  let throttle: LoginThrottle;
  const config = Object.assign(new RegistryAuthConfig(), {
    LOGIN_MAX_ATTEMPTS_PER_IP: 3,
    LOGIN_MAX_ATTEMPTS_PER_USERNAME: 2,
  });

  const refusal = async (attempt: Promise<unknown>) => {
    try {
      await attempt;
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsException) return error.verdict;
      throw error;
    }
    return null;
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    throttle = new LoginThrottle({} as Redis, config);
  });
  afterEach(() => jest.useRealTimers());

  it('limits attempts per IP, whatever the username, for one minute', async () => {
    for (const username of ['a', 'b', 'c']) await throttle.admit('10.0.0.1', username);
    expect(await refusal(throttle.admit('10.0.0.1', 'd'))).toEqual({
      allowed: false,
      reason: 'ip',
      retryAfterSeconds: 60,
    });
    await throttle.admit('10.0.0.2', 'd');
    jest.advanceTimersByTime(60_000);
    await throttle.admit('10.0.0.1', 'd');
  });

  it('limits attempts per username case-insensitively, from any IP', async () => {
    await throttle.admit('10.0.0.1', 'Alice');
    await throttle.admit('10.0.0.2', 'alice');
    expect(await refusal(throttle.admit('10.0.0.3', 'ALICE'))).toMatchObject({
      reason: 'username',
    });
  });

  it('locks a username out after five consecutive failures, for fifteen minutes', async () => {
    for (let i = 1; i < 5; i++) expect(await throttle.recordFailure('alice')).toBeNull();
    const lockedUntil = await throttle.recordFailure('alice');
    expect(lockedUntil).toEqual(new Date('2026-11-25T12:15:00Z'));
    expect(await refusal(throttle.admit('10.0.0.9', 'alice'))).toEqual({
      allowed: false,
      reason: 'locked',
      retryAfterSeconds: 900,
    });
    jest.advanceTimersByTime(900_000);
    await throttle.admit('10.0.0.9', 'alice');
  });

  it('counts only consecutive failures: a success starts again from zero', async () => {
    for (let i = 0; i < 4; i++) await throttle.recordFailure('alice');
    await throttle.recordSuccess('alice');
    for (let i = 0; i < 4; i++) expect(await throttle.recordFailure('alice')).toBeNull();
  });

  it('locks unknown usernames just like existing ones, so lock-outs reveal nothing', async () => {
    for (let i = 0; i < 4; i++) await throttle.recordFailure('nobody-by-this-name');
    expect(await throttle.recordFailure('nobody-by-this-name')).not.toBeNull();
  });

  it('lifts a lock-out on request', async () => {
    for (let i = 0; i < 5; i++) await throttle.recordFailure('alice');
    await throttle.clear('ALICE');
    await throttle.admit('10.0.0.9', 'alice');
  });

  it('fails closed when Redis is down', async () => {
    jest
      .spyOn(RateLimit.prototype, 'check')
      .mockRejectedValueOnce(new RateLimitUnavailableError('login:failures', new Error('down')));
    await expect(throttle.admit('10.0.0.1', 'alice')).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });
});
