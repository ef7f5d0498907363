import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { KafkaConnectionManager, KafkaModule } from '@gt-vision/backend-kafka';
import { REDIS, RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { AuthModule } from '@gt-vision/backend-auth';
import { NATS_API_KEYS, NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { KafkaTopics, ServiceNames } from '@gt-vision/shared-types';
import { INGEST_ACCEPTED } from '../detections/detections.controller';
import { DetectionsModule } from '../detections/detections.module';

const SERVICE = ServiceNames.ingest;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE, INGEST_ACCEPTED),
    KafkaModule.forRoot({ clientId: SERVICE, producer: true, topics: [KafkaTopics.detections] }),
    RedisModule.forRoot(SERVICE),
    // API keys (machine clients) are verified by camera-registry, which owns them.
    AuthModule.forRoot({ redis: REDIS, apiKeys: NATS_API_KEYS }),
    NatsModule.forRoot(SERVICE),
    HealthModule.forRoot([KafkaConnectionManager, RedisConnectionManager, NatsConnectionManager]),
    DetectionsModule,
  ],
})
export class AppModule {}
