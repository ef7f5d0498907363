import type { CameraStatusChangedEvent } from './cameras';
import type { DetectionResponseDto } from './detections';
import type { AlertResponseDto } from './watchlists';

/**
 * The `/ws/live/` protocol (JSON text frames). A browser cannot set headers on a WebSocket, so the
 * client authenticates with its first message (`auth`, an access token) or with a short-lived
 * `?token=` issued by `POST /api/analytics/live-token`. Until authenticated, nothing else is accepted.
 */
export const LIVE_PROTOCOL_VERSION = 1;

export type LiveClientMessage =
  | { type: 'auth'; token: string }
  /** Detections of these cameras from now on (added to earlier subscriptions). */
  | { type: 'subscribe'; cameraIds: number[] }
  | { type: 'unsubscribe'; cameraIds: number[] };

export type LiveServerMessage =
  | { type: 'ready'; version: typeof LIVE_PROTOCOL_VERSION }
  | { type: 'detection'; detection: DetectionResponseDto }
  | { type: 'camera-status'; event: CameraStatusChangedEvent }
  | { type: 'alert'; alert: AlertResponseDto }
  /** The connection is closed after an error that is the client's (bad message, expired token). */
  | { type: 'error'; message: string };
