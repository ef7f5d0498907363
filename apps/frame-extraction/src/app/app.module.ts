import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { NATS_API_KEYS, NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { REDIS, RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { AuthModule } from '@gt-vision/backend-auth';
import { MediaMtxClient, MediaMtxModule } from '@gt-vision/backend-mediamtx';
import { ServiceNames } from '@gt-vision/shared-types';

const SERVICE = ServiceNames.frameExtraction;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    NatsModule.forRoot(SERVICE),
    RedisModule.forRoot(SERVICE),
    // API keys (machine clients) are verified by camera-registry, which owns them.
    AuthModule.forRoot({ redis: REDIS, apiKeys: NATS_API_KEYS }),
    MediaMtxModule,
    HealthModule.forRoot([NatsConnectionManager, MediaMtxClient, RedisConnectionManager]),
  ],
})
export class AppModule {}
