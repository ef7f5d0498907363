import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS } from '@gt-vision/backend-redis';
import type { Redis } from 'ioredis';

const KEY = 'analytics:dashboard:v1';
/** Present while the cached dashboard is fresh; whoever sets it refreshes the dashboard. */
const FRESH_KEY = 'analytics:dashboard:v1:fresh';
export const DASHBOARD_TTL_MS = 5000;
/**
 * How long a dashboard past its TTL may still be served while the next one is computed. Computing
 * it sums a day of hourly counts (tens of milliseconds, more on a busy database) and asks the
 * registry over NATS: no reader should wait for that while a value a few seconds old is at hand.
 */
export const DASHBOARD_STALE_MS = 15_000;

/**
 * The dashboard, computed at most once per TTL for all replicas (Redis) and once at a time per
 * replica (the computation in flight is shared). Past its TTL, the last dashboard is still served
 * while one replica computes the next in the background (stale while revalidate); only a reader
 * finding nothing, or something older than DASHBOARD_STALE_MS, waits. Redis down: computed each
 * time, never an error.
 */
@Injectable()
export class DashboardCache {
  private readonly logger = new Logger(DashboardCache.name);
  private inFlight: Promise<string> | undefined;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async get(compute: () => Promise<unknown>): Promise<string> {
    const [cached, fresh] = await this.redis
      .mget(KEY, FRESH_KEY)
      .catch((error: Error): (string | null)[] => {
        this.logger.warn(`dashboard cache unavailable: ${error.message}`);
        return [null, null];
      });
    if (cached === null) return this.refresh(compute);
    if (fresh === null) void this.refreshInBackground(compute);
    return cached;
  }

  /** Refreshes unless another replica (or this one) already is: the FRESH_KEY claim decides. */
  private async refreshInBackground(compute: () => Promise<unknown>): Promise<void> {
    if (this.inFlight) return;
    try {
      const claimed = await this.redis.set(FRESH_KEY, '1', 'PX', DASHBOARD_TTL_MS, 'NX');
      if (claimed === 'OK') await this.refresh(compute);
    } catch (error) {
      this.logger.warn(`dashboard refresh failed: ${(error as Error).message}`);
    }
  }

  private refresh(compute: () => Promise<unknown>): Promise<string> {
    this.inFlight ??= compute()
      .then(async (value) => {
        const json = JSON.stringify(value);
        await this.redis
          .multi()
          .set(KEY, json, 'PX', DASHBOARD_STALE_MS)
          .set(FRESH_KEY, '1', 'PX', DASHBOARD_TTL_MS)
          .exec()
          .catch(() => undefined);
        return json;
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
