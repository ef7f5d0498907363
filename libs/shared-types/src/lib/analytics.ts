import type { AlertSeverity } from './watchlists';
import type { CameraStatus } from './cameras';

/** Hours covered by `GET /api/analytics/dashboard`. */
export const DASHBOARD_WINDOW_HOURS = 24;
/** How many plates `topPlates` lists. */
export const DASHBOARD_TOP_PLATES = 10;

export interface HourCount {
  /** Start of the hour (ISO-8601, UTC). */
  hour: string;
  count: number;
}

export interface CameraCount {
  cameraId: number;
  count: number;
}

export interface PlateCount {
  plate: string;
  count: number;
}

/** Answer of `GET /api/analytics/dashboard`, computed at `generatedAt` (cached for a few seconds). */
export interface DashboardResponseDto {
  generatedAt: string;
  windowHours: number;
  /** Every hour of the window, oldest first, zero-filled. */
  detectionsPerHour: HourCount[];
  /** Cameras with detections in the window, most first. */
  detectionsPerCamera: CameraCount[];
  topPlates: PlateCount[];
  /** Cameras by status, from the registry; null when the registry did not answer. */
  cameras: { total: number; byStatus: Record<CameraStatus, number> } | null;
  /** Alerts raised in the window, by severity, and those not yet acknowledged; null when not available. */
  alerts: {
    raised: number;
    unacknowledged: number;
    bySeverity: Record<AlertSeverity, number>;
  } | null;
}
