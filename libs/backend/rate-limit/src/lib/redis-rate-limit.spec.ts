import type Redis from 'ioredis';
import { RateLimitUnavailableError, RedisRateLimit } from './redis-rate-limit';

/** A Redis client whose every command fails, as ioredis does while disconnected (no offline queue). */
function deadRedis(): Redis {
  const fail = (...args: unknown[]) => {
    const error = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const callback = args.at(-1);
    if (typeof callback === 'function') callback(error);
    return Promise.reject(error);
  };
  const client: Record<string, unknown> = {
    status: 'reconnecting',
    defineCommand: (name: string) => (client[name] = fail),
    eval: fail,
    get: fail,
    del: fail,
    multi: () => ({ exec: fail }),
  };
  return client as unknown as Redis;
}

describe('RedisRateLimit when Redis cannot be asked', () => {
  it('fails closed when asked to: the caller learns the limit is unavailable', async () => {
    const limit = new RedisRateLimit(deadRedis(), {
      prefix: 'test:closed',
      points: 5,
      windowSeconds: 60,
      whenRedisFails: 'closed',
    });
    await expect(limit.consume('alice')).rejects.toBeInstanceOf(RateLimitUnavailableError);
  });

  it('fails open into a per-process count that still enforces the limit', async () => {
    const limit = new RedisRateLimit(deadRedis(), {
      prefix: 'test:open',
      points: 2,
      windowSeconds: 60,
      whenRedisFails: 'open',
    });
    await expect(limit.consume('cam-1')).resolves.toMatchObject({ allowed: true });
    await expect(limit.consume('cam-1')).resolves.toMatchObject({ allowed: true });
    const refused = await limit.consume('cam-1');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(limit.consume('cam-2', 2)).resolves.toMatchObject({ allowed: true });
  });
});
