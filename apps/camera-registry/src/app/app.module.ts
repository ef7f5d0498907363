import { Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { HealthModule } from '@gt-vision/backend-health';
import { LoggingModule } from '@gt-vision/backend-logging';
import { MetricsModule } from '@gt-vision/backend-metrics';
import { DatabaseModule, DatabaseReadiness } from '@gt-vision/backend-database';
import { migrations } from '../migrations';
import { CamerasModule } from '../cameras/cameras.module';
import { NatsHandlersModule } from '../nats-handlers/nats-handlers.module';
import { MediaMtxSyncModule } from '../mediamtx/mediamtx-sync.module';
import { MediaMtxAuthModule } from '../mediamtx-auth/mediamtx-auth.module';
import { StorageModule } from '../storage/storage.module';
import { RedisConnectionManager, RedisModule } from '@gt-vision/backend-redis';
import { registryAuthModules } from '../auth/registry-auth.modules';
import { RefreshTokenPruningModule } from '../auth/refresh-token-pruning.module';
import { NatsConnectionManager, NatsModule } from '@gt-vision/backend-nats';
import { MediaMtxModule } from '@gt-vision/backend-mediamtx';
import { ServiceNames } from '@gt-vision/shared-types';
import { AuditTrailModule } from '../audit/audit-trail.module';
import { CameraAccessModule } from '../camera-access/camera-access.module';

const SERVICE = ServiceNames.cameraRegistry;

@Module({
  imports: [
    ConfigModule.forFeature(ServiceConfig),
    LoggingModule.forRoot(SERVICE),
    MetricsModule.forRoot(SERVICE),
    DatabaseModule.forRoot({ schema: 'camera_registry', migrations }),
    RedisModule.forRoot(SERVICE),
    ...registryAuthModules(),
    RefreshTokenPruningModule,
    NatsModule.forRoot(SERVICE),
    MediaMtxModule,
    CamerasModule,
    CameraAccessModule,
    NatsHandlersModule,
    MediaMtxSyncModule,
    MediaMtxAuthModule,
    StorageModule,
    AuditTrailModule,
    // Not MediaMTX: the camera API, logins and MediaMTX's own authorisation calls work without it, and
    // its path sync catches up when it is back (drift check). As a readiness check it took the whole API
    // out of the edge (503 "no server available") whenever MediaMTX's API was slow: at 250 cameras its
    // path-manager loop, busy authenticating sessions one at a time, left the probe unanswered for minutes.
    HealthModule.forRoot([DatabaseReadiness, RedisConnectionManager, NatsConnectionManager]),
  ],
})
export class AppModule {}
