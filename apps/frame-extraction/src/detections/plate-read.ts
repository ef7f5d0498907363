import type { BoundingBox, PlateReading } from '@gt-vision/shared-types';

/** One plate the engine found in one frame. */
export interface PlateRead {
  cameraId: number;
  plate: string;
  confidence: number;
  bbox: BoundingBox;
  /** Whole-plate alternatives from the engine, best first. */
  alternatives: PlateReading[];
  /** When the frame was taken (ms since the epoch). */
  capturedAt: number;
  jpeg: Buffer<ArrayBuffer>;
}

/** A passing vehicle: the best read of its plate, the other readings, and when it was first seen. */
export interface VehicleDetection {
  cameraId: number;
  /** Capture time of the first read: with the camera and OCR key, what identifies the passage. */
  windowStart: number;
  best: PlateRead;
  alternatives: PlateReading[];
}
