import type { CameraPathSource } from '../cameras/camera.model';

/** Paths this service owns; every other path (the `~^cam_\d+$` publisher rule, hand-made ones) is left alone. */
export const CAMERA_PATH_NAME = /^cam_\d+$/;

export function cameraPathName(cameraId: number): string {
  return `cam_${cameraId}`;
}

/** The camera id of a path this service owns, or null for any other path. */
export function cameraIdOfPath(name: string): number | null {
  return CAMERA_PATH_NAME.test(name) ? Number(name.slice('cam_'.length)) : null;
}

/**
 * The fields of a path configuration the registry decides. Everything else (record format, segment
 * length, record path) comes from `pathDefaults` in mediamtx.yml, so operators tune it in one place.
 */
export interface CameraPathConfig {
  source: string;
  rtspTransport: 'tcp';
  sourceOnDemand: boolean;
  record: boolean;
  recordDeleteAfter: string;
}

export const MANAGED_FIELDS = [
  'source',
  'rtspTransport',
  'sourceOnDemand',
  'record',
  'recordDeleteAfter',
] as const satisfies readonly (keyof CameraPathConfig)[];

/**
 * The desired configuration of an enabled camera's path (disabled cameras have none, so callers pass
 * only enabled ones). MediaMTX's duration type accepts and prints whole days as `Nd` (conf/duration.go),
 * so `7d` round-trips through /v3/config/paths/list unchanged and never looks like drift.
 */
export function pathConfigFor(camera: CameraPathSource): CameraPathConfig {
  return {
    source: camera.sourceUrl,
    // TCP: cameras behind NAT and lossy links lose fewer frames than over UDP.
    rtspTransport: 'tcp',
    // Always pulled, so recording is continuous and status reflects the camera, not the viewers.
    sourceOnDemand: false,
    record: camera.recordingEnabled,
    recordDeleteAfter: `${camera.retentionDays}d`,
  };
}

/** The managed fields whose value in MediaMTX differs from the desired one. */
export function differingFields(
  desired: CameraPathConfig,
  actual: Partial<Record<keyof CameraPathConfig, unknown>>,
): (keyof CameraPathConfig)[] {
  return MANAGED_FIELDS.filter((field) => actual[field] !== desired[field]);
}
