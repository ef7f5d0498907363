import { ApiProperty } from '@nestjs/swagger';
import {
  CAMERA_STATUSES,
  type CameraLiveUrls,
  type CameraLocation,
  type CameraResponseDto,
  type CameraStatus,
  type CameraSubStream,
  type Page,
} from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

/*
 * Schemas of the camera answers. The contract is the shared-types interfaces (shared-types stays
 * free of @nestjs/swagger for the console); `implements` makes the compiler keep these in step.
 */

type RecordingPolicy = CameraResponseDto['recording'];
type LprSettings = CameraResponseDto['lpr'];
type CameraState = CameraResponseDto['status'];

export class CameraLocationResponse implements CameraLocation {
  lat!: number;
  lon!: number;
  address!: string | null;
}

export class CameraRecordingResponse implements RecordingPolicy {
  enabled!: boolean;
  @ApiProperty({ type: 'integer' })
  retentionDays!: number;
}

export class CameraLprResponse implements LprSettings {
  enabled!: boolean;
  /** Frames per second sent to plate recognition. */
  fps!: number;
}

export class CameraStateResponse implements CameraState {
  /** `disabled` exactly when the camera is not enabled; the others come from MediaMTX path readiness. */
  @ApiProperty({ enum: CAMERA_STATUSES })
  state!: CameraStatus;

  /** When the camera entered this state. */
  @ApiTimestamp()
  since!: string;
}

/** Where a client plays the camera, relative to the edge. */
export class CameraLiveUrlsResponse implements CameraLiveUrls {
  hls!: string;
  whep!: string;
  playback!: string;
}

/** Where a client plays the camera's sub-stream, relative to the edge. */
export class CameraSubStreamResponse implements CameraSubStream {
  /** The MediaMTX path, `cam_{id}_sub`. */
  path!: string;
  hls!: string;
  whep!: string;
}

export class CameraResponse implements CameraResponseDto {
  @ApiProperty({ type: 'integer' })
  id!: number;
  name!: string;
  /** The MediaMTX path, `cam_{id}`. */
  path!: string;
  /** Credentials masked: `rtsp://***:***@host/...`. */
  sourceUrl!: string;
  /** The second, low-resolution source, credentials masked; null when the camera has none. */
  subStreamUrl!: string | null;
  location!: CameraLocationResponse | null;
  tags!: string[];
  recording!: CameraRecordingResponse;
  lpr!: CameraLprResponse;
  enabled!: boolean;
  status!: CameraStateResponse;
  liveUrls!: CameraLiveUrlsResponse;
  /** Where small wall tiles play the camera; null without a sub-stream (they play the main stream). */
  subStream!: CameraSubStreamResponse | null;
  @ApiTimestamp()
  createdAt!: string;
  @ApiTimestamp()
  updatedAt!: string;
}

export class CameraPageResponse implements Page<CameraResponseDto> {
  items!: CameraResponse[];
  /** Pass it back unchanged, with the same filters and sort, for the next page; `null` on the last. */
  nextCursor!: string | null;
}
