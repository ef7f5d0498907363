import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS } from '@gt-vision/backend-redis';
import type { Redis } from 'ioredis';

const KEY = 'analytics:dashboard:v1';
export const DASHBOARD_TTL_MS = 5000;

/**
 * The dashboard, computed at most once per TTL for all replicas (Redis) and once at a time per
 * replica (the computation in flight is shared). Redis down: computed each time, never an error.
 */
@Injectable()
export class DashboardCache {
  private readonly logger = new Logger(DashboardCache.name);
  private inFlight: Promise<string> | undefined;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async get(compute: () => Promise<unknown>): Promise<string> {
    const cached = await this.redis.get(KEY).catch((error: Error) => {
      this.logger.warn(`dashboard cache unavailable: ${error.message}`);
      return null;
    });
    if (cached !== null) return cached;
    this.inFlight ??= compute()
      .then(async (value) => {
        const json = JSON.stringify(value);
        await this.redis.set(KEY, json, 'PX', DASHBOARD_TTL_MS).catch(() => undefined);
        return json;
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
