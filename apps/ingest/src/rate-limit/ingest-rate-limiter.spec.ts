import type { Principal } from '@gt-vision/backend-auth';
import { RedisRateLimit, TooManyRequestsException } from '@gt-vision/backend-rate-limit';
import type Redis from 'ioredis';
import { IngestRateLimitConfig } from './ingest-rate-limit.config';
import { IngestRateLimiter } from './ingest-rate-limiter';

jest.mock('@gt-vision/backend-rate-limit', () => {
  const actual = jest.requireActual('@gt-vision/backend-rate-limit');
  return { ...actual, RedisRateLimit: jest.fn() };
});

const KEY: Principal = { kind: 'api-key', id: 'k1', name: 'x', role: 'integrator' };

function setup(config: Partial<IngestRateLimitConfig> = {}) {
  const limits = new Map<string, { consume: jest.Mock; options: { points: number } }>();
  (RedisRateLimit as unknown as jest.Mock).mockImplementation((_redis, options) => {
    const limit = {
      consume: jest.fn().mockResolvedValue({ allowed: true, remaining: 1 }),
      options,
    };
    limits.set(options.prefix, limit);
    return limit;
  });
  const limiter = new IngestRateLimiter(
    {} as Redis,
    Object.assign(new IngestRateLimitConfig(), config),
  );
  return { limiter, limits };
}

describe('IngestRateLimiter', () => {
  it('counts per API key and per camera, one-second windows, failing open when Redis is away', async () => {
    const { limiter, limits } = setup({ INGEST_RATE_PER_API_KEY: 500, INGEST_RATE_PER_CAMERA: 20 });
    expect(limits.get('ingest:key')?.options).toMatchObject({
      points: 500,
      windowSeconds: 1,
      whenRedisFails: 'open',
    });
    expect(limits.get('ingest:camera')?.options).toMatchObject({ points: 20, windowSeconds: 1 });
    await limiter.admitCaller(KEY, 3);
    expect(limits.get('ingest:key')?.consume).toHaveBeenCalledWith('api-key:k1', 3);
    await limiter.admitCameras(
      new Map([
        [7, 2],
        [8, 1],
      ]),
    );
    expect(limits.get('ingest:camera')?.consume.mock.calls).toEqual([
      ['7', 2],
      ['8', 1],
    ]);
  });

  it('answers 429 with the seconds to wait, naming the camera over its limit', async () => {
    const { limiter, limits } = setup();
    limits.get('ingest:camera')?.consume.mockResolvedValueOnce({ allowed: true, remaining: 0 });
    limits
      .get('ingest:camera')
      ?.consume.mockResolvedValueOnce({ allowed: false, retryAfterSeconds: 1 });
    const error = await limiter
      .admitCameras(
        new Map([
          [1, 1],
          [2, 5],
        ]),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect((error as TooManyRequestsException).retryAfterSeconds).toBe(1);
    expect((error as TooManyRequestsException).getStatus()).toBe(429);
    expect((error as TooManyRequestsException).message).toContain('camera 2');

    limits
      .get('ingest:key')
      ?.consume.mockResolvedValueOnce({ allowed: false, retryAfterSeconds: 3 });
    await expect(limiter.admitCaller(KEY, 1)).rejects.toMatchObject({ retryAfterSeconds: 3 });
  });

  it('leaves a limit of 0 off', async () => {
    const { limiter, limits } = setup({ INGEST_RATE_PER_API_KEY: 0, INGEST_RATE_PER_CAMERA: 0 });
    expect(limits.size).toBe(0);
    await limiter.admitCaller(KEY, 10_000);
    await limiter.admitCameras(new Map([[1, 10_000]]));
  });
});
