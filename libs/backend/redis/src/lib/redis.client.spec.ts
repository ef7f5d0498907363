import type Redis from 'ioredis';
import { RedisConnectionManager } from './redis.client';

describe('RedisConnectionManager', () => {
  it('is not ready while the connection is not ready, naming its state', async () => {
    const redis = { status: 'reconnecting', ping: jest.fn() } as unknown as Redis;
    await expect(new RedisConnectionManager(redis).probe()).rejects.toThrow(
      'redis connection is reconnecting',
    );
    expect(redis.ping).not.toHaveBeenCalled();
  });

  it('is ready when PING answers, with its latency', async () => {
    const redis = {
      status: 'ready',
      ping: jest.fn().mockResolvedValue('PONG'),
    } as unknown as Redis;
    const result = await new RedisConnectionManager(redis).probe();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('falls back to a hard disconnect when QUIT fails on shutdown', async () => {
    const disconnect = jest.fn();
    const redis = {
      quit: jest.fn().mockRejectedValue(new Error('Connection is closed.')),
      disconnect,
    } as unknown as Redis;
    await new RedisConnectionManager(redis).onApplicationShutdown();
    expect(disconnect).toHaveBeenCalled();
  });
});
