import { ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { FakeRedis } from '../testing/fake-redis';
import { decide, LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { RegistryAuthConfig } from './registry-auth.config';

const LIMITS = { perIp: 30, perUsername: 10 };
const quiet = {
  ipAttempts: 1,
  ipTtlMs: 60_000,
  usernameAttempts: 1,
  usernameTtlMs: 60_000,
  lockTtlMs: -2,
};

describe('decide', () => {
  it('lets attempts within the limits through', () => {
    expect(decide({ ...quiet, ipAttempts: 30, usernameAttempts: 10 }, LIMITS)).toEqual({
      allowed: true,
    });
  });

  it('refuses over the per-IP limit until its window ends', () => {
    expect(decide({ ...quiet, ipAttempts: 31, ipTtlMs: 12_300 }, LIMITS)).toEqual({
      allowed: false,
      reason: 'ip',
      retryAfterSeconds: 13,
    });
  });

  it('refuses over the per-username limit', () => {
    expect(decide({ ...quiet, usernameAttempts: 11, usernameTtlMs: 400 }, LIMITS)).toEqual({
      allowed: false,
      reason: 'username',
      retryAfterSeconds: 1,
    });
  });

  it('puts a lock-out before the rate limits', () => {
    expect(decide({ ...quiet, ipAttempts: 99, lockTtlMs: 600_000 }, LIMITS)).toMatchObject({
      reason: 'locked',
      retryAfterSeconds: 600,
    });
  });
});

describe('LoginThrottle', () => {
  let redis: FakeRedis;
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
    redis = new FakeRedis();
    throttle = new LoginThrottle(redis as unknown as Redis, config);
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
    redis.down = true;
    await expect(throttle.admit('10.0.0.1', 'alice')).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });
});
