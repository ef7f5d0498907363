import { Injectable } from '@nestjs/common';
import { CameraAccessLoader } from '@gt-vision/backend-nats';
import type { CameraAccessSnapshot } from '@gt-vision/shared-types';
import { CameraAccessRepository } from './camera-access.repository';
import { buildSnapshot } from './camera-access.snapshot';

/** The registry owns the grants: it builds the snapshot from its own tables. */
@Injectable()
export class DbCameraAccessLoader extends CameraAccessLoader {
  constructor(private readonly repository: CameraAccessRepository) {
    super();
  }

  async load(): Promise<CameraAccessSnapshot> {
    const { revision, grants } = await this.repository.resolvedGrants();
    return buildSnapshot(revision, grants);
  }
}
