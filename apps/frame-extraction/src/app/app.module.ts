import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { NATS_API_KEYS, NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { REDIS, RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { AuthModule } from '@gt-vision/backend-auth';
import { KafkaConnectionManager, KafkaModule } from '@gt-vision/backend-kafka';
import { MediaMtxClient, MediaMtxModule } from '@gt-vision/backend-mediamtx';
import { KafkaTopics, ServiceNames } from '@gt-vision/shared-types';
import { EngineClient } from '../engine/engine.client';
import { FrameMetricsModule } from '../metrics/frame-metrics.module';
import { PipelineModule } from '../pipeline/pipeline.module';

const SERVICE = ServiceNames.frameExtraction;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    FrameMetricsModule,
    NatsModule.forRoot(SERVICE),
    RedisModule.forRoot(SERVICE),
    KafkaModule.forRoot({ clientId: SERVICE, topics: [KafkaTopics.detections], producer: true }),
    // API keys (machine clients) are verified by camera-registry, which owns them.
    AuthModule.forRoot({ redis: REDIS, apiKeys: NATS_API_KEYS }),
    MediaMtxModule,
    PipelineModule,
    // The engine's readiness is its circuit breaker: open means no plates can be read, and says why.
    HealthModule.forRoot([
      NatsConnectionManager,
      MediaMtxClient,
      RedisConnectionManager,
      KafkaConnectionManager,
      EngineClient,
    ]),
  ],
})
export class AppModule {}
