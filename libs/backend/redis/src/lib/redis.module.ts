import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import Redis from 'ioredis';
import { REDIS, RedisConnectionManager } from './redis.client';
import { RedisConfig } from './redis.config';

/**
 * One Redis connection per service. Commands fail fast while Redis is away (no offline queue), so a
 * caller degrades at once instead of piling up; reconnection is automatic and unbounded.
 */
@Module({})
export class RedisModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      imports: [ConfigModule.forFeature(RedisConfig)],
      providers: [
        {
          provide: REDIS,
          inject: [RedisConfig],
          useFactory: (config: RedisConfig) => {
            const redis = new Redis({
              host: config.REDIS_HOST,
              port: config.REDIS_PORT,
              password: config.REDIS_PASSWORD,
              connectionName: service,
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
              retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
              // Commands issued in one turn of the event loop (concurrent requests' rate limits and
              // checks) leave in one socket write: that syscall was ingest's largest single cost. Each
              // command still settles on its own reply.
              enableAutoPipelining: true,
            });
            // Without a listener ioredis reports every failed reconnect as an unhandled error.
            const logger = new Logger('Redis');
            let lastLogged = 0;
            redis.on('error', (error: Error) => {
              if (Date.now() - lastLogged < 10_000) return;
              lastLogged = Date.now();
              logger.warn(`Redis unavailable: ${error.message}`);
            });
            return redis;
          },
        },
        RedisConnectionManager,
      ],
      exports: [REDIS, RedisConnectionManager],
    };
  }
}
