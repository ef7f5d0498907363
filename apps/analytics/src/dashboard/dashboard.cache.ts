import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS } from '@gt-vision/backend-redis';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

const KEY = 'analytics:dashboard:v1';
/** Present while the cached dashboard is fresh; whoever sets it refreshes the dashboard. */
const FRESH_SUFFIX = ':fresh';

/** The cache key of one scope: the whole dashboard, or a hash of the camera ids it is limited to. */
function keyOf(scope: string | undefined): string {
  if (scope === undefined) return KEY;
  return `${KEY}:cameras:${createHash('sha256').update(scope).digest('base64url').slice(0, 22)}`;
}
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
 * time, never an error. A caller restricted to some cameras has an entry per set of cameras (`scope`).
 */
@Injectable()
export class DashboardCache {
  private readonly logger = new Logger(DashboardCache.name);
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async get(compute: () => Promise<unknown>, scope?: string): Promise<string> {
    const key = keyOf(scope);
    const [cached, fresh] = await this.redis
      .mget(key, key + FRESH_SUFFIX)
      .catch((error: Error): (string | null)[] => {
        this.logger.warn(`dashboard cache unavailable: ${error.message}`);
        return [null, null];
      });
    if (cached === null) return this.refresh(key, compute);
    if (fresh === null) void this.refreshInBackground(key, compute);
    return cached;
  }

  /** Refreshes unless another replica (or this one) already is: the fresh key's claim decides. */
  private async refreshInBackground(key: string, compute: () => Promise<unknown>): Promise<void> {
    if (this.inFlight.has(key)) return;
    try {
      const claimed = await this.redis.set(key + FRESH_SUFFIX, '1', 'PX', DASHBOARD_TTL_MS, 'NX');
      if (claimed === 'OK') await this.refresh(key, compute);
    } catch (error) {
      this.logger.warn(`dashboard refresh failed: ${(error as Error).message}`);
    }
  }

  private refresh(key: string, compute: () => Promise<unknown>): Promise<string> {
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = compute()
        .then(async (value) => {
          const json = JSON.stringify(value);
          await this.redis
            .multi()
            .set(key, json, 'PX', DASHBOARD_STALE_MS)
            .set(key + FRESH_SUFFIX, '1', 'PX', DASHBOARD_TTL_MS)
            .exec()
            .catch(() => undefined);
          return json;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }
}
