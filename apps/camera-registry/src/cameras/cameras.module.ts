import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { OutboxModule } from '@gt-vision/backend-outbox';
import { CameraAccessStoreModule } from '../camera-access/camera-access.module';
import { CameraEvents } from './camera-events';
import { CameraPageCache } from './camera-page.cache';
import { CameraController } from './camera.controller';
import { CameraRepository } from './camera.repository';
import { CameraService } from './camera.service';
import { CredentialCipher } from './credential-cipher';
import { CredentialsConfig } from './credentials.config';

/** Cameras: the registry's desired state. Exports the service for the MediaMTX control plane. */
@Module({
  imports: [
    ConfigModule.forFeature(CredentialsConfig),
    OutboxModule.forRoot({ schema: 'camera_registry' }),
    CameraAccessStoreModule,
  ],
  controllers: [CameraController],
  providers: [CameraService, CameraRepository, CredentialCipher, CameraEvents, CameraPageCache],
  exports: [CameraService, CameraRepository, CameraEvents],
})
export class CamerasModule {}
