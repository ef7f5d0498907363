import { isISO8601, isUUID, maxLength } from 'class-validator';
import { DetectionRules, VEHICLE_TYPES } from './detections';
import { normalisePlate, PlateRules } from './plates';

/*
 * The ingest body as a JSON Schema, for a compiled validator on the hot path (a batch of 1 000 items
 * costs class-validator tens of milliseconds). It is the same contract as the DTO classes in
 * detections.ts, built from the same rules and the same checks, and it may only be STRICTER: a body it
 * accepts is one class-validator accepts unchanged; anything else goes to class-validator, which then
 * accepts it (null optional fields, padded attributes) or names each bad field. The equivalence is held
 * by detections.schema.spec.ts.
 */

const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
const TIME_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/** The string checks the schema names as formats: each is exactly what the DTO's decorators check. */
export const DETECTION_SCHEMA_FORMATS: Record<string, (value: string) => boolean> = {
  // @PlateText(): MaxLength, NoControlCharacters, a valid plate once normalised.
  'gtv-plate-text': (value) =>
    maxLength(value, PlateRules.rawMaxLength) &&
    NO_CONTROL_CHARACTERS.test(value) &&
    PlateRules.pattern.test(normalisePlate(value)),
  // @IsISO8601({ strict, strictSeparator }) and a time zone.
  'gtv-capture-time': (value) =>
    isISO8601(value, { strict: true, strictSeparator: true }) && TIME_ZONE.test(value),
  'gtv-uuid': (value) => isUUID(value),
  'gtv-source': (value) =>
    maxLength(value, DetectionRules.sourceMaxLength) && DetectionRules.sourcePattern.test(value),
  'gtv-snapshot-ref': (value) =>
    maxLength(value, DetectionRules.snapshotRefMaxLength) && NO_CONTROL_CHARACTERS.test(value),
  // @Trim() would change a padded value: only values it leaves as they are take the fast path.
  'gtv-attribute': (value) =>
    value === value.trim() &&
    maxLength(value, DetectionRules.attributeMaxLength) &&
    NO_CONTROL_CHARACTERS.test(value),
};

const fraction = { type: 'number', minimum: 0, maximum: 1 } as const;

const boundingBox = {
  type: 'object',
  additionalProperties: false,
  required: ['x', 'y', 'width', 'height'],
  properties: { x: fraction, y: fraction, width: fraction, height: fraction },
} as const;

const vehicle = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { enum: [...VEHICLE_TYPES] },
    colour: { type: 'string', format: 'gtv-attribute' },
    make: { type: 'string', format: 'gtv-attribute' },
  },
} as const;

const reading = {
  type: 'object',
  additionalProperties: false,
  required: ['plate', 'confidence'],
  properties: { plate: { type: 'string', format: 'gtv-plate-text' }, confidence: fraction },
} as const;

/** `IngestDetectionDto` (`POST /api/ingest/lpr`). */
export const INGEST_DETECTION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['cameraId', 'plate', 'confidence', 'capturedAt'],
  properties: {
    id: { type: 'string', format: 'gtv-uuid' },
    cameraId: { type: 'integer', minimum: 1 },
    plate: { type: 'string', format: 'gtv-plate-text' },
    confidence: fraction,
    capturedAt: { type: 'string', format: 'gtv-capture-time' },
    bbox: boundingBox,
    vehicle,
    snapshotRef: { type: 'string', format: 'gtv-snapshot-ref' },
    source: { type: 'string', format: 'gtv-source' },
    alternatives: { type: 'array', maxItems: DetectionRules.maxAlternatives, items: reading },
  },
} as const;

/** `IngestDetectionBatchDto` (`POST /api/ingest/lpr/batch`); the item count is ingest's own check. */
export const INGEST_DETECTION_BATCH_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: INGEST_DETECTION_SCHEMA } },
} as const;
