import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DetectionEventV1, DetectionResponseDto } from '@gt-vision/shared-types';
import { DetectionBatchHooks, type DetectionBatchHook } from '../consumer/detection-batch.hooks';
import { LiveHub } from './live.hub';

/** Seconds of recording before the capture that the overlay's "replay" link starts at. */
const PLAYBACK_LEAD_SECONDS = 5;
const PLAYBACK_DURATION_SECONDS = 20;

/** A just-stored detection as the API answers it (the overlay needs no read back from the table). */
export function liveDetection(event: DetectionEventV1, storedAt: string): DetectionResponseDto {
  const path = `cam_${event.cameraId}`;
  const capturedAt = new Date(event.capturedAt);
  const start = new Date(capturedAt.getTime() - PLAYBACK_LEAD_SECONDS * 1000).toISOString();
  const query = new URLSearchParams({ path, start, duration: String(PLAYBACK_DURATION_SECONDS) });
  return {
    id: event.id,
    cameraId: event.cameraId,
    plate: event.plate,
    plateRaw: event.plateRaw,
    confidence: event.confidence,
    capturedAt: capturedAt.toISOString(),
    receivedAt: event.receivedAt,
    storedAt,
    bbox: event.bbox,
    vehicle: event.vehicle,
    source: event.source,
    alternatives: event.alternatives,
    snapshotUrl: event.snapshotRef === null ? null : `/api/detections/${event.id}/snapshot`,
    recording: { path, at: capturedAt.toISOString(), playbackUrl: `/playback/get?${query}` },
  };
}

/**
 * Detections to the live clients of this replica once their batch has committed (in-process: the
 * replica that consumed a camera's partition serves its overlay; see the README on replicas).
 */
@Injectable()
export class LiveDetectionFeed implements DetectionBatchHook, OnModuleInit {
  readonly name = 'live overlay';

  constructor(
    private readonly hooks: DetectionBatchHooks,
    private readonly hub: LiveHub,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  /** Nothing to store: the overlay is fed after the commit only. */
  async onDetectionsStored(): Promise<void> {
    return undefined;
  }

  onDetectionsCommitted(detections: DetectionEventV1[]): void {
    if (!this.hub.size) return;
    const storedAt = new Date().toISOString();
    this.hub.detections(detections.map((detection) => liveDetection(detection, storedAt)));
  }
}
