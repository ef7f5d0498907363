import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';
import { DetectionRules } from '@gt-vision/shared-types';

export class IngestConfig {
  /** Items one `POST /api/ingest/lpr/batch` may carry. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(10_000)
  INGEST_BATCH_MAX: number = DetectionRules.batchMaxDefault;

  /** Largest request body accepted, in bytes (a full batch of large detections fits in the default). */
  @EnvNumber()
  @IsInt()
  @Min(16 * 1024)
  @Max(64 * 1024 * 1024)
  INGEST_BODY_MAX_BYTES = 4 * 1024 * 1024;

  /** Seconds a client is told to wait (`Retry-After`) when Kafka could not take its detections. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(300)
  INGEST_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;
}
