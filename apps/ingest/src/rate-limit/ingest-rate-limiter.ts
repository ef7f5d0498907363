import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import { RedisRateLimit, TooManyRequestsException } from '@gt-vision/backend-rate-limit';
import { REDIS } from '@gt-vision/backend-redis';
import type Redis from 'ioredis';
import { IngestRateLimitConfig } from './ingest-rate-limit.config';

/**
 * Detections per second per API key and per camera, counted in Redis so that every replica shares
 * them. If Redis is away each replica counts on its own (fails open): refusing every detection
 * because a cache is down would lose more than a looser limit for a while.
 */
@Injectable()
export class IngestRateLimiter {
  private readonly logger = new Logger(IngestRateLimiter.name);
  private readonly perKey?: RedisRateLimit;
  private readonly perCamera?: RedisRateLimit;

  constructor(@Inject(REDIS) redis: Redis, config: IngestRateLimitConfig) {
    const limit = (prefix: string, points: number) =>
      points > 0
        ? new RedisRateLimit(redis, { prefix, points, windowSeconds: 1, whenRedisFails: 'open' })
        : undefined;
    this.perKey = limit('ingest:key', config.INGEST_RATE_PER_API_KEY);
    this.perCamera = limit('ingest:camera', config.INGEST_RATE_PER_CAMERA);
  }

  /** Counts `count` detections against the caller; 429 when over its limit. */
  async admitCaller(principal: Principal, count: number): Promise<void> {
    if (!this.perKey) return;
    const verdict = await this.perKey.consume(`${principal.kind}:${principal.id}`, count);
    if (!verdict.allowed) {
      throw new TooManyRequestsException(
        'too many detections for this API key; slow down',
        verdict.retryAfterSeconds,
      );
    }
  }

  /** Counts each camera's detections; 429 naming the first camera over its limit. */
  async admitCameras(counts: ReadonlyMap<number, number>): Promise<void> {
    const perCamera = this.perCamera;
    if (!perCamera) return;
    const verdicts = await Promise.all(
      [...counts].map(async ([cameraId, count]) => ({
        cameraId,
        verdict: await perCamera.consume(String(cameraId), count),
      })),
    );
    const refused = verdicts.find(({ verdict }) => !verdict.allowed);
    if (refused && !refused.verdict.allowed) {
      this.logger.debug(`camera ${refused.cameraId} over its detection rate`);
      throw new TooManyRequestsException(
        `too many detections for camera ${refused.cameraId}; slow down`,
        refused.verdict.retryAfterSeconds,
        [{ field: 'cameraId', problem: `camera ${refused.cameraId} is over its detection rate` }],
      );
    }
  }
}
