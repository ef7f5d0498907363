import type {
  DetectionEventV1,
  DetectionResponseDto,
  RecordingReference,
} from '@gt-vision/shared-types';
import type { DetectionRow } from './detection.row';

export interface PlaybackWindow {
  leadSeconds: number;
  durationSeconds: number;
}

/** MediaMTX's playback server, through the edge: the moment of capture with some context before it. */
export function recordingOf(
  cameraId: number,
  capturedAt: Date,
  window: PlaybackWindow,
): RecordingReference {
  const path = `cam_${cameraId}`;
  const start = new Date(capturedAt.getTime() - window.leadSeconds * 1000).toISOString();
  const query = new URLSearchParams({ path, start, duration: String(window.durationSeconds) });
  return { path, at: capturedAt.toISOString(), playbackUrl: `/playback/get?${query.toString()}` };
}

export function mapDetection(row: DetectionRow, window: PlaybackWindow): DetectionResponseDto {
  return {
    id: row.id,
    cameraId: row.camera_id,
    plate: row.plate,
    plateRaw: row.plate_raw,
    confidence: row.confidence,
    capturedAt: row.captured_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    storedAt: row.stored_at.toISOString(),
    bbox: row.bbox,
    vehicle: row.vehicle,
    source: row.source,
    alternatives: row.alternatives,
    snapshotUrl: row.snapshot_ref === null ? null : `/api/detections/${row.id}/snapshot`,
    recording: recordingOf(row.camera_id, row.captured_at, window),
  };
}

/** A just-stored detection as the API would answer it, without reading it back (the live overlay). */
export function mapDetectionEvent(
  event: DetectionEventV1,
  storedAt: string,
  window: PlaybackWindow,
): DetectionResponseDto {
  const capturedAt = new Date(event.capturedAt);
  return {
    id: event.id,
    cameraId: event.cameraId,
    plate: event.plate,
    plateRaw: event.plateRaw,
    confidence: event.confidence,
    capturedAt: capturedAt.toISOString(),
    receivedAt: new Date(event.receivedAt).toISOString(),
    storedAt,
    bbox: event.bbox,
    vehicle: event.vehicle,
    source: event.source,
    alternatives: event.alternatives,
    snapshotUrl: event.snapshotRef === null ? null : `/api/detections/${event.id}/snapshot`,
    recording: recordingOf(event.cameraId, capturedAt, window),
  };
}
