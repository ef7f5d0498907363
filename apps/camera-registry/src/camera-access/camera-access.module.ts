import { Module } from '@nestjs/common';
import { CameraAccessSyncModule } from '@gt-vision/backend-nats';
import { CameraAccessCascades } from './camera-access.cascades';
import { CameraAccessEvents } from './camera-access.events';
import { CameraAccessHandler } from './camera-access.handler';
import { CameraAccessRepository } from './camera-access.repository';
import { CameraAccessService } from './camera-access.service';
import { CameraGrantsController } from './camera-grants.controller';
import { CameraGroupsController } from './camera-groups.controller';
import { DbCameraAccessLoader } from './db-camera-access.loader';

@Module({
  providers: [CameraAccessRepository, DbCameraAccessLoader, CameraAccessCascades],
  exports: [CameraAccessRepository, DbCameraAccessLoader, CameraAccessCascades],
})
export class CameraAccessStoreModule {}

/**
 * Per-camera permissions: the admin API, the `camera-access.get` answer for other services, and this
 * service's own in-memory copy (`CameraAccess`, kept by CameraAccessSync from the tables).
 */
@Module({
  imports: [
    CameraAccessStoreModule,
    CameraAccessSyncModule.forRoot(DbCameraAccessLoader, [CameraAccessStoreModule]),
  ],
  controllers: [CameraGroupsController, CameraGrantsController, CameraAccessHandler],
  providers: [CameraAccessService, CameraAccessEvents],
})
export class CameraAccessModule {}
