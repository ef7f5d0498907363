import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { NatsSubjects, type CameraAccessSnapshot } from '@gt-vision/shared-types';
import { DbCameraAccessLoader } from './db-camera-access.loader';

/** The other services' copy of the permissions: read fresh from the tables on each request. */
@Controller()
export class CameraAccessHandler {
  constructor(private readonly loader: DbCameraAccessLoader) {}

  @MessagePattern(NatsSubjects.cameraAccessGet)
  snapshot(): Promise<CameraAccessSnapshot> {
    return this.loader.load();
  }
}
