import { Injectable } from '@nestjs/common';
import type { Tx } from '@gt-vision/backend-database';
import { CameraAccessRepository } from './camera-access.repository';

type Announcer = (revision: number) => Promise<void>;

/**
 * Deleting a camera or a user takes its group memberships or grants with it. Like a grant change, that
 * moves the access revision in the delete's own transaction and is announced once committed, so other
 * services drop the old snapshot at once instead of at their next periodic reload. Provided by the store
 * module, which the cameras and users modules import; CameraAccessEvents (the admin API's module, with
 * the NATS client and this replica's copy) registers as the announcer.
 */
@Injectable()
export class CameraAccessCascades {
  private announcer: Announcer | null = null;

  constructor(private readonly repository: CameraAccessRepository) {}

  announceWith(announcer: Announcer): void {
    this.announcer = announcer;
  }

  /** In the camera delete's transaction, before the delete: the new revision, or null if none moved. */
  cameraDeleting(tx: Tx, cameraId: number): Promise<number | null> {
    return this.repository.removeCameraFromGroups(tx, cameraId);
  }

  /** In the user delete's transaction, before the delete: the new revision, or null if none moved. */
  userDeleting(tx: Tx, userId: string): Promise<number | null> {
    return this.repository.removeUserGrants(tx, userId);
  }

  /** After the commit. Services that miss it catch up at their periodic reload. */
  async announce(revision: number | null): Promise<void> {
    if (revision !== null && this.announcer) await this.announcer(revision);
  }
}
