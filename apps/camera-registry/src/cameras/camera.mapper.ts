import {
  cameraLiveUrls,
  cameraPath,
  cameraSubStream,
  type CameraResponseDto,
  type CameraSummary,
} from '@gt-vision/shared-types';
import type { CameraRecord } from './camera.model';
import { maskSourceUrl } from './source-url';

export function mapCamera(camera: CameraRecord): CameraResponseDto {
  return {
    id: camera.id,
    name: camera.name,
    path: cameraPath(camera.id),
    sourceUrl: maskSourceUrl(camera.sourceUrl, camera.hasCredentials),
    subStreamUrl:
      camera.subStreamUrl === null
        ? null
        : maskSourceUrl(camera.subStreamUrl, camera.hasSubStreamCredentials),
    location: camera.location,
    tags: camera.tags,
    recording: { enabled: camera.recordingEnabled, retentionDays: camera.retentionDays },
    lpr: { enabled: camera.lprEnabled, fps: camera.lprFps },
    enabled: camera.enabled,
    status: { state: camera.status, since: camera.statusSince.toISOString() },
    liveUrls: cameraLiveUrls(camera.id),
    subStream: camera.subStreamUrl === null ? null : cameraSubStream(camera.id),
    createdAt: camera.createdAt.toISOString(),
    updatedAt: camera.updatedAt.toISOString(),
  };
}

/** For other services over NATS: no source URL at all, masked or not. */
export function mapCameraSummary(camera: CameraRecord): CameraSummary {
  return {
    id: camera.id,
    name: camera.name,
    path: cameraPath(camera.id),
    enabled: camera.enabled,
    status: { state: camera.status, since: camera.statusSince.toISOString() },
    lpr: { enabled: camera.lprEnabled, fps: camera.lprFps },
    recording: { enabled: camera.recordingEnabled, retentionDays: camera.retentionDays },
    location: camera.location,
    tags: camera.tags,
  };
}
