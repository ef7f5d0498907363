import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { KafkaConnectionManager, KafkaModule } from '@gt-vision/backend-kafka';
import { RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { KafkaTopics, ServiceNames } from '@gt-vision/shared-types';

const SERVICE = ServiceNames.ingest;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    KafkaModule.forRoot({ clientId: SERVICE, producer: true, topics: [KafkaTopics.detections] }),
    RedisModule.forRoot(SERVICE),
    NatsModule.forRoot(SERVICE),
    HealthModule.forRoot([KafkaConnectionManager, RedisConnectionManager, NatsConnectionManager]),
  ],
})
export class AppModule {}
