import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { KafkaConnectionManager, KafkaModule } from '@gt-vision/backend-kafka';
import { DatabaseModule, DatabaseReadiness } from '@gt-vision/backend-database';
import { migrations } from '../migrations';
import { REDIS, RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { AuditModule } from '@gt-vision/backend-audit';
import { AuthModule } from '@gt-vision/backend-auth';
import {
  CameraAccessSyncModule,
  NATS_API_KEYS,
  NatsConnectionManager,
  NatsModule,
} from '@gt-vision/backend-nats';
import { KafkaTopics, ServiceNames } from '@gt-vision/shared-types';
import { AlertsModule } from '../alerts/alerts.module';
import { DetectionConsumer } from '../consumer/detection.consumer';
import { DetectionSinkModule } from '../consumer/detection-sink.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { DetectionsModule } from '../detections/detections.module';
import { LiveModule } from '../live/live.module';
import { SystemAlertsModule } from '../system-alerts/system-alerts.module';
import { SystemMetricsModule } from '../system-metrics/system-metrics.module';
import { TracesModule } from '../traces/traces.module';
import { WatchlistsModule } from '../watchlists/watchlists.module';

const SERVICE = ServiceNames.analytics;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    // The producer carries dead letters; both topics are created if the broker lacks them.
    KafkaModule.forRoot({
      clientId: SERVICE,
      producer: true,
      topics: [KafkaTopics.detections, KafkaTopics.detectionsDeadLetter],
    }),
    DatabaseModule.forRoot({ schema: 'analytics', migrations }),
    RedisModule.forRoot(SERVICE),
    // API keys (machine clients) are verified by camera-registry, which owns them.
    AuthModule.forRoot({ redis: REDIS, apiKeys: NATS_API_KEYS }),
    NatsModule.forRoot(SERVICE),
    // Camera permissions: the registry's snapshot in memory, reloaded on each change it announces.
    CameraAccessSyncModule.forRoot(),
    // Plate searches, detection and snapshot views, watchlist changes: into the registry's trail.
    AuditModule,
    HealthModule.forRoot([
      KafkaConnectionManager,
      DatabaseReadiness,
      RedisConnectionManager,
      NatsConnectionManager,
      DetectionConsumer,
    ]),
    DetectionsModule,
    DetectionSinkModule,
    WatchlistsModule,
    AlertsModule,
    DashboardModule,
    LiveModule,
    SystemAlertsModule,
    SystemMetricsModule,
    TracesModule,
  ],
})
export class AppModule {}
