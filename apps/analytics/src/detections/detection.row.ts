import {
  plateOcrKey,
  type BoundingBox,
  type DetectionEventV1,
  type PlateReading,
  type VehicleAttributes,
} from '@gt-vision/shared-types';

/** A stored detection as the read queries select it. */
export interface DetectionRow {
  id: string;
  camera_id: number;
  plate: string;
  plate_raw: string;
  confidence: number;
  captured_at: Date;
  /** `captured_at` in microseconds, UTC: the cursor's key. */
  cursor_at: string;
  received_at: Date;
  stored_at: Date;
  bbox: BoundingBox | null;
  vehicle: VehicleAttributes | null;
  snapshot_ref: string | null;
  source: string;
  alternatives: PlateReading[];
}

/** What the insert takes for one detection, as JSON for `jsonb_to_recordset`. */
export interface DetectionInsertRow {
  id: string;
  camera_id: number;
  plate: string;
  plate_raw: string;
  confidence: number;
  captured_at: string;
  received_at: string;
  bbox: BoundingBox | null;
  vehicle: VehicleAttributes | null;
  snapshot_ref: string | null;
  source: string;
  alternatives: PlateReading[];
  plates: string[];
  plate_keys: string[];
  plates_text: string;
}

/** The columns plate search reads: every reading once, their OCR keys, and all joined by spaces. */
export function searchColumns(event: Pick<DetectionEventV1, 'plate' | 'alternatives'>) {
  const plates = [...new Set([event.plate, ...event.alternatives.map((alt) => alt.plate)])];
  return {
    plates,
    plate_keys: [...new Set(plates.map(plateOcrKey))],
    plates_text: plates.join(' '),
  };
}

export function toInsertRow(event: DetectionEventV1): DetectionInsertRow {
  return {
    id: event.id,
    camera_id: event.cameraId,
    plate: event.plate,
    plate_raw: event.plateRaw,
    confidence: event.confidence,
    captured_at: event.capturedAt,
    received_at: event.receivedAt,
    bbox: event.bbox,
    vehicle: event.vehicle,
    snapshot_ref: event.snapshotRef,
    source: event.source,
    alternatives: event.alternatives,
    ...searchColumns(event),
  };
}
