import type { Redis } from 'ioredis';
import { DASHBOARD_STALE_MS, DASHBOARD_TTL_MS, DashboardCache } from './dashboard.cache';

/** The few Redis commands the cache uses (MGET, SET [PX] [NX], MULTI), expiring on Date.now(). */
class FakeRedis {
  down = false;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async mget(...keys: string[]): Promise<(string | null)[]> {
    this.check();
    return keys.map((key) => this.read(key));
  }

  async set(key: string, value: string, _px: 'PX', ms: number, nx?: 'NX'): Promise<'OK' | null> {
    this.check();
    if (nx && this.read(key) !== null) return null;
    this.entries.set(key, { value, expiresAt: Date.now() + ms });
    return 'OK';
  }

  multi() {
    const ops: [string, string, number][] = [];
    const tx = {
      set: (key: string, value: string, _px: 'PX', ms: number) => (ops.push([key, value, ms]), tx),
      exec: async () => {
        this.check();
        for (const [key, value, ms] of ops) await this.set(key, value, 'PX', ms);
        return [];
      },
    };
    return tx;
  }

  private read(key: string): string | null {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : null;
  }

  private check(): void {
    if (this.down) throw new Error('Connection is closed.');
  }
}

describe('DashboardCache', () => {
  let redis: FakeRedis;
  let computed: number;
  const compute = jest.fn(async () => ({ n: ++computed }));
  const cacheOn = (r: FakeRedis) => new DashboardCache(r as unknown as Redis);
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    redis = new FakeRedis();
    computed = 0;
    compute.mockClear();
  });

  afterEach(() => jest.useRealTimers());

  it('computes once and serves the cached JSON within the TTL', async () => {
    const cache = cacheOn(redis);
    expect(await cache.get(compute)).toBe('{"n":1}');
    jest.advanceTimersByTime(DASHBOARD_TTL_MS - 1);
    expect(await cache.get(compute)).toBe('{"n":1}');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('shares one computation between concurrent readers', async () => {
    const cache = cacheOn(redis);
    const answers = await Promise.all([cache.get(compute), cache.get(compute)]);
    expect(answers).toEqual(['{"n":1}', '{"n":1}']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('past the TTL serves the last dashboard at once and refreshes it in the background', async () => {
    const cache = cacheOn(redis);
    await cache.get(compute);
    jest.advanceTimersByTime(DASHBOARD_TTL_MS + 1);
    expect(await cache.get(compute)).toBe('{"n":1}');
    await settle();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(await cache.get(compute)).toBe('{"n":2}');
  });

  it('lets one replica refresh: another finding the claim taken serves the stale value only', async () => {
    const a = cacheOn(redis);
    const b = cacheOn(redis);
    await a.get(compute);
    jest.advanceTimersByTime(DASHBOARD_TTL_MS + 1);
    await Promise.all([a.get(compute), b.get(compute)]);
    await settle();
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('waits for a new dashboard once the last one is older than the stale limit', async () => {
    const cache = cacheOn(redis);
    await cache.get(compute);
    jest.advanceTimersByTime(DASHBOARD_STALE_MS + 1);
    expect(await cache.get(compute)).toBe('{"n":2}');
  });

  it('computes each time, without an error, while Redis is down', async () => {
    redis.down = true;
    const cache = cacheOn(redis);
    expect(await cache.get(compute)).toBe('{"n":1}');
    expect(await cache.get(compute)).toBe('{"n":2}');
  });
});
