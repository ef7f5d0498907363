import { EnvNumber } from '@gt-vision/backend-config';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class DetectionConsumerConfig {
  /** Replicas sharing this group share the topic's partitions. */
  @IsString()
  @Matches(/^[a-z0-9._-]{1,100}$/)
  DETECTIONS_CONSUMER_GROUP = 'analytics-detections';

  /** Partitions handled at once by one replica (each batch is its own transaction). */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(64)
  DETECTIONS_CONSUMER_CONCURRENCY = 3;

  /** Upper bound on the bytes fetched per partition per batch (about 1 KB a detection). */
  @EnvNumber()
  @IsInt()
  @Min(16_384)
  @Max(64 * 1024 * 1024)
  DETECTIONS_FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;
}
