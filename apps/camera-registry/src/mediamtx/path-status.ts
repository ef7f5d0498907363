import type { CameraStatus } from '@gt-vision/shared-types';

export interface PathObservation {
  /** The status stored in the registry. */
  current: CameraStatus;
  /** The path exists in MediaMTX and its source delivers media. */
  ready: boolean;
  /** Ready, but no media bytes have arrived for the stall timeout: the source hangs. */
  stalled: boolean;
  /** MediaMTX refused the camera's path configuration (see PathReconciler). */
  failure?: string;
  /** The path was (re)configured and has not been ready since: its source is still connecting. */
  freshConfig: boolean;
  /** How long the camera has been waiting for its first ready since it was (re)configured. */
  connectingForMs: number;
}

export interface DerivedStatus {
  status: Exclude<CameraStatus, 'disabled'>;
  reason: string;
}

/** Longer than an RTSP connect with retries; after it a camera that never came up is shown offline. */
export const CONNECT_GRACE_MS = 15_000;

/** The status an enabled camera should have given what MediaMTX shows. Pure. */
export function deriveStatus(observed: PathObservation): DerivedStatus {
  if (observed.ready) {
    return observed.stalled
      ? { status: 'offline', reason: 'stalled' }
      : { status: 'online', reason: 'path ready' };
  }
  if (observed.failure) return { status: 'offline', reason: observed.failure };
  const everReady = !observed.freshConfig && observed.current !== 'connecting';
  if (everReady) return { status: 'offline', reason: 'source not ready' };
  if (observed.connectingForMs >= CONNECT_GRACE_MS) {
    return { status: 'offline', reason: 'source did not become ready' };
  }
  return { status: 'connecting', reason: 'waiting for the source' };
}
