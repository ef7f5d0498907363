import type { CameraStatusChangedEvent } from './cameras';
import type { DetectionResponseDto } from './detections';
import type { SystemAlertDto } from './system-alerts';
import type { AlertResponseDto } from './watchlists';

/**
 * The `/ws/live/` protocol (JSON text frames). A browser cannot set headers on a WebSocket, so the
 * client authenticates with its first message (`auth`, an access token) or with a short-lived
 * `?token=` issued by `POST /api/analytics/live-token`. Until authenticated, nothing else is accepted.
 */
export const LIVE_PROTOCOL_VERSION = 1;

/** Answer of `POST /api/analytics/live-token`: open `/ws/live/?token=<token>` within `expiresInSeconds`; it works once. */
export interface LiveTokenResponseDto {
  token: string;
  expiresInSeconds: number;
}

/** Close codes of `/ws/live/` besides the standard ones (4000-4999 are the application's). */
export const LiveCloseCodes = {
  /** No, a bad or an expired token; or none within the handshake time. */
  unauthorized: 4401,
  /** A message that is not valid JSON of `LiveClientMessage`. */
  badMessage: 4400,
  /** The client did not read fast enough: its bounded send queue was full. */
  tooSlow: 4408,
  /** The server is stopping: reconnect (to another replica). */
  goingAway: 1001,
} as const;

/**
 * Payload of `liveDetectionsSubject(cameraId)`: one camera's detections of a batch, published by the
 * analytics replica that stored them once committed, heard by every replica with clients following it.
 */
export interface LiveDetectionsEvent {
  version: 1;
  detections: DetectionResponseDto[];
}

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
  /** Admins only: a Prometheus alert fired or resolved (see system-alerts.ts). */
  | { type: 'system-alert'; alert: SystemAlertDto }
  /** The connection is closed after an error that is the client's (bad message, expired token). */
  | { type: 'error'; message: string };
