import type { CameraResponseDto, CreateCameraDto, UpdateCameraDto } from '@gt-vision/shared-types';

/** What the form edits, as the user types it (tags as one comma-separated line). */
export interface CameraFormValue {
  name: string;
  sourceUrl: string;
  /** Empty: no sub-stream. */
  subStreamUrl: string;
  tags: string;
  recordingEnabled: boolean;
  retentionDays: number;
  lprEnabled: boolean;
  lprFps: number;
  enabled: boolean;
}

/** The registry's defaults (`CameraRules`), so a new camera starts as the API would create it. */
export const NEW_CAMERA: CameraFormValue = {
  name: '',
  sourceUrl: '',
  subStreamUrl: '',
  tags: '',
  recordingEnabled: true,
  retentionDays: 7,
  lprEnabled: false,
  lprFps: 1,
  enabled: true,
};

export function toFormValue(camera: CameraResponseDto): CameraFormValue {
  return {
    name: camera.name,
    // The masked URL (`rtsp://***:***@…`) is not sent back unless the user changes it.
    sourceUrl: camera.sourceUrl,
    subStreamUrl: camera.subStreamUrl ?? '',
    tags: camera.tags.join(', '),
    recordingEnabled: camera.recording.enabled,
    retentionDays: camera.recording.retentionDays,
    lprEnabled: camera.lpr.enabled,
    lprFps: camera.lpr.fps,
    enabled: camera.enabled,
  };
}

/** The request body; validation is the API's, whose answers are shown next to each field. */
export function toRequest(value: CameraFormValue): CreateCameraDto {
  return {
    name: value.name,
    sourceUrl: value.sourceUrl,
    subStreamUrl: value.subStreamUrl.trim() || null,
    tags: value.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    recording: { enabled: value.recordingEnabled, retentionDays: Number(value.retentionDays) },
    lpr: { enabled: value.lprEnabled, fps: Number(value.lprFps) },
    enabled: value.enabled,
  };
}

/** An edit leaves the masked source URLs out unless they were changed, so the stored credentials stay. */
export function toUpdate(value: CameraFormValue, original: CameraResponseDto): UpdateCameraDto {
  const { sourceUrl, subStreamUrl, ...rest } = toRequest(value);
  return {
    ...rest,
    ...(sourceUrl !== original.sourceUrl && { sourceUrl }),
    ...(subStreamUrl !== original.subStreamUrl && { subStreamUrl }),
  };
}
