import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/** The `/ws/live/` gateway. */
export class LiveConfig {
  /** A client that has not authenticated within this is closed (4401). */
  @EnvNumber()
  @IsInt()
  @Min(500)
  @Max(60_000)
  LIVE_AUTH_TIMEOUT_MS = 5000;

  /**
   * Bytes a client may have waiting to be sent. A client that falls further behind is dropped (4408)
   * rather than held in memory: a browser tab in the background must not grow the server.
   */
  @EnvNumber()
  @IsInt()
  @Min(16 * 1024)
  @Max(64 * 1024 * 1024)
  LIVE_MAX_BUFFERED_BYTES = 1024 * 1024;

  /** Life of a query token from `POST /api/analytics/live-token` (it also works only once). */
  @EnvNumber()
  @IsInt()
  @Min(5)
  @Max(60)
  LIVE_TOKEN_TTL_SECONDS = 30;
}
