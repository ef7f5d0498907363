import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import type { CameraLocation, CameraStatus } from './cameras';

/**
 * Request/reply contracts of the camera registry on NATS (`NatsSubjects.cameraGet`, `cameraList`,
 * `cameraLprEnabled`). Replies carry `version` so a consumer can refuse a shape it does not know;
 * a breaking change gets a new subject. Error replies have the `ErrorResponse` shape (400 for a bad
 * payload).
 */
export const CAMERA_MESSAGES_VERSION = 1;

/** How many ids one `camera.list` request may name. */
export const CAMERA_LIST_MAX_IDS = 500;

/**
 * A camera as other services need it. Never the source URL or its credentials: only the registry and
 * MediaMTX read a camera's stream source; everyone else reads its MediaMTX `path`.
 */
export interface CameraSummary {
  id: number;
  name: string;
  /** MediaMTX path, `cam_{id}`. */
  path: string;
  enabled: boolean;
  status: { state: CameraStatus; since: string };
  lpr: { enabled: boolean; fps: number };
  recording: { enabled: boolean; retentionDays: number };
  location: CameraLocation | null;
  tags: string[];
}

/** `camera.get` */
export class CameraGetRequest {
  @IsInt()
  @Min(1)
  id!: number;
}

export interface CameraGetReply {
  version: typeof CAMERA_MESSAGES_VERSION;
  /** Null when the camera does not exist. */
  camera: CameraSummary | null;
}

/** `camera.list`: filters combine with AND; none lists every camera, ordered by id. */
export class CameraListRequest {
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @IsBoolean()
  lprEnabled?: boolean;

  /** Only these cameras; ids that do not exist are left out of the reply. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAMERA_LIST_MAX_IDS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];
}

export interface CameraListReply {
  version: typeof CAMERA_MESSAGES_VERSION;
  cameras: CameraSummary[];
}

/** `camera.lpr-enabled`: takes no fields. */
export class CameraLprEnabledRequest {}

/** A camera whose frames go to plate recognition: enabled, with LPR on. */
export interface LprCamera {
  id: number;
  path: string;
  lpr: { fps: number };
}

export interface CameraLprEnabledReply {
  version: typeof CAMERA_MESSAGES_VERSION;
  cameras: LprCamera[];
}
