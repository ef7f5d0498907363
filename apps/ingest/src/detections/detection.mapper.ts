import {
  DETECTION_VERSION,
  DetectionRules,
  normalisePlate,
  type DetectionEventV1,
  type IngestDetectionDto,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';

/**
 * The default `source` of a key's detections: its name made to fit the source rules (`Frigate Gate 3`
 * → `frigate-gate-3`), or the key's id when nothing of the name is left.
 */
export function sourceOfApiKey(key: { id: string; name: string }): string {
  const slug = key.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._:-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, DetectionRules.sourceMaxLength)
    .replace(/-+$/, '');
  return slug || `api-key-${key.id}`.slice(0, DetectionRules.sourceMaxLength);
}

/** A validated ingest item as it goes on the stream: normalised, with its id and reception time. */
export function toDetectionEvent(
  item: IngestDetectionDto,
  defaults: { source: string; receivedAt: string },
): DetectionEventV1 {
  return {
    version: DETECTION_VERSION,
    id: item.id ?? randomUUID(),
    cameraId: item.cameraId,
    plate: normalisePlate(item.plate),
    plateRaw: item.plate,
    confidence: item.confidence,
    capturedAt: new Date(item.capturedAt).toISOString(),
    receivedAt: defaults.receivedAt,
    bbox: item.bbox
      ? { x: item.bbox.x, y: item.bbox.y, width: item.bbox.width, height: item.bbox.height }
      : null,
    vehicle: item.vehicle
      ? {
          type: item.vehicle.type ?? null,
          colour: item.vehicle.colour ?? null,
          make: item.vehicle.make ?? null,
        }
      : null,
    snapshotRef: item.snapshotRef ?? null,
    source: item.source ?? defaults.source,
    alternatives: (item.alternatives ?? []).map((reading) => ({
      plate: normalisePlate(reading.plate),
      confidence: reading.confidence,
    })),
  };
}
