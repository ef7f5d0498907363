import type { BoundingBox, PlateReading } from './detections';

/**
 * The LPR engine's HTTP contract (the "external AI service"): `POST /v1/recognize` with a JPEG body
 * (`content-type: image/jpeg`) answers every plate found anywhere in the frame. A frame without a
 * plate answers `plates: []`, never a guess.
 */
export const LPR_ENGINE_RECOGNIZE_PATH = '/v1/recognize';

export const PLATE_FORMATS = ['mercosul', 'br-old', 'other'] as const;
export type PlateFormat = (typeof PLATE_FORMATS)[number];

/** One character position of a plate: the characters the OCR hesitated between, best first. */
export interface PlateCharCandidates {
  position: number;
  candidates: { char: string; confidence: number }[];
}

export interface RecognizedPlate {
  /** Normalised (`PlateRules.pattern`), after format-aware correction. */
  text: string;
  confidence: number;
  format: PlateFormat;
  /** Fractions of the frame (0-1). */
  bbox: BoundingBox;
  /** Whole-plate alternative readings, best first, excluding `text`. */
  alternatives: PlateReading[];
  characters: PlateCharCandidates[];
}

export interface RecognizeResponse {
  plates: RecognizedPlate[];
  width: number;
  height: number;
  elapsedMs: number;
}
