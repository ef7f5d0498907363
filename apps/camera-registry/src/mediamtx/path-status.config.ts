import { IsInt, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/** How the status watcher judges a camera's source (path-status.watcher.ts). */
export class PathStatusConfig {
  /**
   * A ready path whose source has delivered no media for this long is shown offline ("stalled"): a
   * camera that hangs with its TCP connection open is otherwise seen only after MediaMTX's readTimeout
   * (10 s). The watcher sees the last byte up to one 1 s poll late and the stall up to one poll late,
   * so 2.5 s means offline within about 4.5 s, inside the 5 s the status contract promises; still far
   * longer than the gap between two frames of any camera (1 fps included). At least two polls, so
   * one slow poll cannot mark a healthy camera stalled.
   */
  @EnvNumber()
  @IsInt()
  @Min(2000)
  @Max(60000)
  CAMERA_STALL_TIMEOUT_MS = 2500;

  /**
   * A camera offline this long fires Prometheus' CameraOffline alert (observability/prometheus/
   * alerts.yml compares against the gauge this sets). Long enough that a camera rebooting or a
   * network blip does not page anyone; the console shows the offline state at once anyway.
   */
  @EnvNumber()
  @IsInt()
  @Min(5)
  @Max(86400)
  CAMERA_OFFLINE_ALERT_AFTER_S = 120;
}
