import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { NATS_CLIENT, natsRequest } from '@gt-vision/backend-nats';
import {
  CAMERA_STATUSES,
  NatsSubjects,
  type CameraListReply,
  type CameraListRequest,
  type CameraStatus,
  type DashboardResponseDto,
} from '@gt-vision/shared-types';

const TIMEOUT_MS = 2000;

/** Cameras by status, asked of the registry over NATS (`camera.list`). */
@Injectable()
export class CameraDirectory {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  /** Of `cameraIds` only when given (filtered here: a scope may name more ids than one request may). */
  async statusCounts(cameraIds?: number[]): Promise<NonNullable<DashboardResponseDto['cameras']>> {
    const reply = await natsRequest<CameraListRequest, CameraListReply>(
      this.nats,
      NatsSubjects.cameraList,
      {},
      TIMEOUT_MS,
    );
    const byStatus = Object.fromEntries(CAMERA_STATUSES.map((s) => [s, 0])) as Record<
      CameraStatus,
      number
    >;
    const within = cameraIds && new Set(cameraIds);
    const cameras = within
      ? reply.cameras.filter((camera) => within.has(camera.id))
      : reply.cameras;
    for (const camera of cameras) byStatus[camera.status.state] += 1;
    return { total: cameras.length, byStatus };
  }
}
