import { v5 as uuidv5 } from 'uuid';
import {
  DETECTION_VERSION,
  plateOcrKey,
  snapshotKeyOf,
  type DetectionEventV1,
} from '@gt-vision/shared-types';
import type { VehicleDetection } from './plate-read';

export const DETECTION_SOURCE = 'gtv-frame-extraction';

/** Namespace of frame extraction's detection ids (UUID v5); fixed forever, or ids would change. */
const DETECTION_ID_NAMESPACE = '5b0f5c3e-7f3a-4c8e-9d21-3a6f0f1e2b44';

/**
 * The same passage (camera, OCR key of the plate, capture time of its first read) always gets the same
 * id, so a detection published twice (a retry after an unacknowledged send) is stored once.
 */
export function detectionIdOf(
  detection: Pick<VehicleDetection, 'cameraId' | 'windowStart' | 'best'>,
): string {
  const name = `${detection.cameraId}:${plateOcrKey(detection.best.plate)}:${detection.windowStart}`;
  return uuidv5(name, DETECTION_ID_NAMESPACE);
}

export function toDetectionEvent(detection: VehicleDetection, receivedAt: Date): DetectionEventV1 {
  const id = detectionIdOf(detection);
  const capturedAt = new Date(detection.best.capturedAt).toISOString();
  return {
    version: DETECTION_VERSION,
    id,
    cameraId: detection.cameraId,
    plate: detection.best.plate,
    plateRaw: detection.best.plate,
    confidence: detection.best.confidence,
    capturedAt,
    receivedAt: receivedAt.toISOString(),
    bbox: detection.best.bbox,
    vehicle: null,
    snapshotRef: snapshotKeyOf(detection.cameraId, capturedAt, id),
    source: DETECTION_SOURCE,
    alternatives: detection.alternatives,
  };
}
