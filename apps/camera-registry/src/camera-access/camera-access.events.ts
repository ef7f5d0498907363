import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { CameraAccessSync, NATS_CLIENT, natsPublish } from '@gt-vision/backend-nats';
import {
  CAMERA_ACCESS_MESSAGES_VERSION,
  NatsSubjects,
  type CameraAccessChangedEvent,
} from '@gt-vision/shared-types';
import { CameraAccessCascades } from './camera-access.cascades';

const PUBLISH_TIMEOUT_MS = 5000;

/**
 * After a committed change: this replica reloads before answering (so the admin's next request sees
 * it here), and every other replica and service is told to reload. Best effort on NATS: a service
 * that misses the broadcast reloads within CAMERA_ACCESS_REFRESH_MS anyway.
 */
@Injectable()
export class CameraAccessEvents {
  private readonly logger = new Logger(CameraAccessEvents.name);

  constructor(
    @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
    private readonly sync: CameraAccessSync,
    cascades: CameraAccessCascades,
  ) {
    cascades.announceWith((revision) => this.changed(revision));
  }

  async changed(revision: number): Promise<void> {
    const event: CameraAccessChangedEvent = { version: CAMERA_ACCESS_MESSAGES_VERSION, revision };
    natsPublish(this.nats, NatsSubjects.cameraAccessChanged, event, PUBLISH_TIMEOUT_MS).catch(
      (error: Error) =>
        this.logger.warn(`${NatsSubjects.cameraAccessChanged} not published: ${error.message}`),
    );
    await this.sync.refresh();
  }
}
