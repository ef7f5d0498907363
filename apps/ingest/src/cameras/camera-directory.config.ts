import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

export class CameraDirectoryConfig {
  /**
   * How long a camera look-up is reused. `camera.changed` events drop an entry at once; the expiry
   * only bounds staleness if an event is missed.
   */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  INGEST_CAMERA_CACHE_TTL_MS = 60_000;

  /** How long a look-up waits for the registry before the request is answered 503. */
  @EnvNumber()
  @IsInt()
  @Min(50)
  @Max(30_000)
  INGEST_CAMERA_LOOKUP_TIMEOUT_MS = 2000;
}
