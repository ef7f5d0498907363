import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ReadinessCheck } from '@gt-vision/backend-health';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

@Injectable()
export class RedisConnectionManager extends ReadinessCheck implements OnApplicationShutdown {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async probe() {
    if (this.redis.status !== 'ready') throw new Error(`redis connection is ${this.redis.status}`);
    const started = performance.now();
    await this.redis.ping();
    return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
