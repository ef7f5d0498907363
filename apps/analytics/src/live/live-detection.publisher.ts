import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import {
  liveDetectionsSubject,
  type DetectionEventV1,
  type DetectionResponseDto,
  type LiveDetectionsEvent,
} from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';
import { lastValueFrom } from 'rxjs';
import {
  DetectionBatchHooks,
  type AfterCommit,
  type DetectionBatchHook,
} from '../consumer/detection-batch.hooks';
import { mapDetectionEvent, type PlaybackWindow } from '../detections/detection.mapper';
import { DetectionsConfig } from '../detections/detections.config';

/**
 * Stored detections to the live overlay of every replica: once a batch has committed (so what a
 * client sees is already searchable), each camera's detections go out on that camera's own NATS
 * subject. A camera's partition is consumed by one replica while its viewers may be connected to
 * any; NATS forwards a subject only to the replicas that subscribed to it (LiveNatsFeed), so a camera
 * nobody watches costs one publish to the local server. Best effort by design: the overlay is a view,
 * the detection itself is already durable.
 */
@Injectable()
export class LiveDetectionPublisher implements DetectionBatchHook, OnModuleInit {
  readonly name = 'live overlay';
  private readonly logger = new Logger(LiveDetectionPublisher.name);
  /** The same recording reference as `GET /api/detections/:id` gives. */
  private readonly window: PlaybackWindow;

  constructor(
    private readonly hooks: DetectionBatchHooks,
    @Inject(NATS_CLIENT) private readonly nats: ClientNats,
    config: DetectionsConfig,
  ) {
    this.window = {
      leadSeconds: config.PLAYBACK_LEAD_SECONDS,
      durationSeconds: config.PLAYBACK_DURATION_SECONDS,
    };
  }

  onModuleInit(): void {
    this.hooks.register(this);
  }

  /** Nothing to store: the overlay is fed once the detections are committed. */
  async onDetectionsStored(_tx: Tx, detections: DetectionEventV1[]): Promise<AfterCommit> {
    return () => {
      const storedAt = new Date().toISOString();
      const byCamera = new Map<number, DetectionResponseDto[]>();
      for (const detection of detections) {
        const mapped = mapDetectionEvent(detection, storedAt, this.window);
        const camera = byCamera.get(mapped.cameraId);
        if (camera) camera.push(mapped);
        else byCamera.set(mapped.cameraId, [mapped]);
      }
      for (const [cameraId, mapped] of byCamera) void this.publish(cameraId, mapped);
    };
  }

  private async publish(cameraId: number, detections: DetectionResponseDto[]): Promise<void> {
    const event: LiveDetectionsEvent = { version: 1, detections };
    try {
      await lastValueFrom(this.nats.emit(liveDetectionsSubject(cameraId), event), {
        defaultValue: undefined,
      });
    } catch (error) {
      this.logger.warn(
        `camera ${cameraId}: ${detections.length} detection(s) stored but not pushed live: ${(error as Error).message}`,
      );
    }
  }
}
