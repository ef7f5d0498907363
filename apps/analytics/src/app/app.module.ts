import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { KafkaConnectionManager, KafkaModule } from '@gt-vision/backend-kafka';
import { DatabaseModule, DatabaseReadiness } from '@gt-vision/backend-database';
import { migrations } from '../migrations';
import { REDIS, RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { AuthModule } from '@gt-vision/backend-auth';
import { NATS_API_KEYS, NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { ServiceNames } from '@gt-vision/shared-types';
import { AlertsModule } from '../alerts/alerts.module';
import { DetectionBatchHooksModule } from '../consumer/detection-batch-hooks.module';
import { LiveModule } from '../live/live.module';
import { WatchlistsModule } from '../watchlists/watchlists.module';

const SERVICE = ServiceNames.analytics;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    KafkaModule.forRoot({ clientId: SERVICE }),
    DatabaseModule.forRoot({ schema: 'analytics', migrations }),
    RedisModule.forRoot(SERVICE),
    // API keys (machine clients) are verified by camera-registry, which owns them.
    AuthModule.forRoot({ redis: REDIS, apiKeys: NATS_API_KEYS }),
    NatsModule.forRoot(SERVICE),
    HealthModule.forRoot([
      KafkaConnectionManager,
      DatabaseReadiness,
      RedisConnectionManager,
      NatsConnectionManager,
    ]),
    DetectionBatchHooksModule,
    WatchlistsModule,
    AlertsModule,
    LiveModule,
  ],
})
export class AppModule {}
