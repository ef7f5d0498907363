import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { MediaMtxModule } from '@gt-vision/backend-mediamtx';
import { CamerasModule } from '../cameras/cameras.module';
import { CameraOfflineMetrics } from './camera-offline.metrics';
import { MediaMtxPaths } from './mediamtx-paths';
import { mediaMtxSyncMetrics } from './mediamtx-sync.metrics';
import { PathDriftWatcher } from './path-drift.watcher';
import { PathReconciler } from './path-reconciler';
import { PathStatusConfig } from './path-status.config';
import { PathStatusWatcher } from './path-status.watcher';

/**
 * The MediaMTX control plane: cameras in PostgreSQL → path configurations in MediaMTX (reconciler,
 * drift watcher), and path readiness → camera status (status watcher). Needs the global MetricsModule
 * and NatsModule.
 */
@Module({
  imports: [ConfigModule.forFeature(PathStatusConfig), MediaMtxModule, CamerasModule],
  providers: [
    MediaMtxPaths,
    PathReconciler,
    PathDriftWatcher,
    PathStatusWatcher,
    CameraOfflineMetrics,
    ...mediaMtxSyncMetrics,
  ],
})
export class MediaMtxSyncModule {}
