import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';
import {
  DetectionBatchHooks,
  type AfterCommit,
  type DetectionBatchHook,
} from '../consumer/detection-batch.hooks';
import { mapDetectionEvent, type PlaybackWindow } from '../detections/detection.mapper';
import { DetectionsConfig } from '../detections/detections.config';
import { LiveHub } from './live.hub';

/**
 * Detections to the live clients of this replica once their batch has committed (in-process: the
 * replica that consumed a camera's partition serves its overlay; see the README on replicas).
 */
@Injectable()
export class LiveDetectionFeed implements DetectionBatchHook, OnModuleInit {
  readonly name = 'live overlay';
  /** The same recording reference as `GET /api/detections/:id` gives. */
  private readonly window: PlaybackWindow;

  constructor(
    private readonly hooks: DetectionBatchHooks,
    private readonly hub: LiveHub,
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

  /** Nothing to store: the overlay is fed once the detections are committed (and so searchable). */
  async onDetectionsStored(_tx: Tx, detections: DetectionEventV1[]): Promise<AfterCommit> {
    return () => {
      if (!this.hub.size) return;
      const storedAt = new Date().toISOString();
      this.hub.detections(
        detections.map((detection) => mapDetectionEvent(detection, storedAt, this.window)),
      );
    };
  }
}
