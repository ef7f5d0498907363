import { cameraPath, cameraSubStreamPath } from '@gt-vision/shared-types';
import type { CameraPathSource } from '../cameras/camera.model';

/**
 * Paths this service owns: a camera's `cam_<id>` and its sub-stream's `cam_<id>_sub`. Every other path
 * (the `~^cam_\d+$` publisher rule, hand-made ones) is left alone.
 */
export const CAMERA_PATH_NAME = /^cam_(\d+)(?:_sub)?$/;

export const cameraPathName = cameraPath;

/** The camera id of a path this service owns (main or sub-stream), or null for any other path. */
export function cameraIdOfPath(name: string): number | null {
  const match = CAMERA_PATH_NAME.exec(name);
  return match ? Number(match[1]) : null;
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

/**
 * Every path an enabled camera needs, by name: its main path and, when it has one, its sub-stream's,
 * pulled the same way but never recorded (recordings and playback are of the main stream).
 */
export function pathConfigsFor(camera: CameraPathSource): [string, CameraPathConfig][] {
  const main = pathConfigFor(camera);
  const paths: [string, CameraPathConfig][] = [[cameraPathName(camera.id), main]];
  if (camera.subStreamUrl !== null) {
    paths.push([
      cameraSubStreamPath(camera.id),
      { ...main, source: camera.subStreamUrl, record: false },
    ]);
  }
  return paths;
}

/** The managed fields whose value in MediaMTX differs from the desired one. */
export function differingFields(
  desired: CameraPathConfig,
  actual: Partial<Record<keyof CameraPathConfig, unknown>>,
): (keyof CameraPathConfig)[] {
  return MANAGED_FIELDS.filter((field) => actual[field] !== desired[field]);
}
