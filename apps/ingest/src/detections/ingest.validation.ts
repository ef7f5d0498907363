import type { ValidationPipeOptions } from '@gt-vision/backend-http';
import {
  DETECTION_SCHEMA_FORMATS,
  INGEST_DETECTION_BATCH_SCHEMA,
  INGEST_DETECTION_SCHEMA,
  IngestDetectionBatchDto,
  IngestDetectionDto,
} from '@gt-vision/shared-types';

/**
 * Ingest's bodies are checked by a compiled JSON Schema first; class-validator only sees the bodies it
 * refuses (to name each field) or cannot vouch for. Measured by `npm run bench:ingest` (validators):
 * a batch of 1 000 detections costs class-validator far more than the schema.
 */
export const INGEST_VALIDATION: ValidationPipeOptions = {
  compiled: [
    { dto: IngestDetectionDto, schema: INGEST_DETECTION_SCHEMA },
    { dto: IngestDetectionBatchDto, schema: INGEST_DETECTION_BATCH_SCHEMA },
  ],
  formats: DETECTION_SCHEMA_FORMATS,
};
