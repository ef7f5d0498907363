import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/**
 * Detections accepted per second, shared by every ingest replica (counters in Redis). A batch counts
 * each of its items. 0 turns a limit off.
 */
export class IngestRateLimitConfig {
  /** A camera reads a few plates a second at most; far more means a misbehaving client. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  INGEST_RATE_PER_CAMERA = 200;

  /** One API key (one integration) across all its cameras. */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  INGEST_RATE_PER_API_KEY = 20_000;
}
