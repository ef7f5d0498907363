import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import {
  composeDecorators,
  DecimalInteger,
  NestedObject,
  NoControlCharacters,
  OptionalNotNull,
  QueryBoolean,
  Trim,
} from './dto-decorators';
import { SORT_ORDERS, type SortOrder } from './pagination';

/** `disabled` exactly when the camera is not enabled; the others come from MediaMTX path readiness. */
export const CAMERA_STATUSES = ['online', 'offline', 'connecting', 'disabled'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

export const CAMERA_SORTS = ['name', 'createdAt', 'status'] as const;
export type CameraSort = (typeof CAMERA_SORTS)[number];

/** Bounds shared by the API, the database constraints and the console's forms. */
export const CameraRules = {
  nameMaxLength: 100,
  sourceUrlMaxLength: 2048,
  addressMaxLength: 300,
  maxTags: 20,
  tagMaxLength: 40,
  tagPattern: /^[a-z0-9_:-]+$/,
  retentionDays: { min: 1, max: 365, default: 7 },
  lprFps: { min: 0.2, max: 10, default: 1 },
  listLimit: { min: 1, max: 500, default: 50 },
} as const;

/** The MediaMTX path of a camera; also its name in recordings and metrics. */
export function cameraPath(id: number): string {
  return `cam_${id}`;
}

/**
 * The MediaMTX path of a camera's sub-stream (its second, low-resolution source), for small tiles.
 * Not recorded: recordings and playback are of the main stream.
 */
export function cameraSubStreamPath(id: number): string {
  return `${cameraPath(id)}_sub`;
}

/** Where a client plays a live stream, relative to the edge (video never goes through an API service). */
export interface StreamUrls {
  hls: string;
  whep: string;
}

/** Where a client plays a camera, relative to the edge. */
export interface CameraLiveUrls extends StreamUrls {
  playback: string;
}

/** A camera's sub-stream: its own path and player URLs. */
export interface CameraSubStream extends StreamUrls {
  path: string;
}

function streamUrls(path: string): StreamUrls {
  return { hls: `/hls/${path}/index.m3u8`, whep: `/webrtc/${path}/whep` };
}

export function cameraLiveUrls(id: number): CameraLiveUrls {
  const path = cameraPath(id);
  return { ...streamUrls(path), playback: `/playback/list?path=${path}` };
}

export function cameraSubStream(id: number): CameraSubStream {
  const path = cameraSubStreamPath(id);
  return { path, ...streamUrls(path) };
}

/**
 * The scheme of a camera source, case-insensitive (RFC 3986) without a regex flag, so that the
 * OpenAPI schema can show the same pattern.
 */
export const RTSP_URL_PATTERN = /^[Rr][Tt][Ss][Pp][Ss]?:\/\//;
const SOURCE_URL_PROBLEM = '$property must be an rtsp:// or rtsps:// URL with a host';

/** The rest of the check once the scheme matched (a wrong scheme is `Matches`' finding alone). */
function hasRtspHost(value: unknown): boolean {
  if (typeof value !== 'string' || !RTSP_URL_PATTERN.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'rtsp:' || url.protocol === 'rtsps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An `rtsp://` or `rtsps://` URL with a host. Credentials in it must be percent-encoded: a raw `@`,
 * `/`, `?` or `#` in a password makes the URL unparseable and it is refused rather than guessed at.
 */
function SourceUrl(): PropertyDecorator {
  return composeDecorators(
    Trim(),
    IsString(),
    MaxLength(CameraRules.sourceUrlMaxLength),
    Matches(RTSP_URL_PATTERN, { message: SOURCE_URL_PROBLEM }),
    ValidateBy(
      { name: 'isRtspUrl', validator: { validate: hasRtspHost } },
      { message: SOURCE_URL_PROBLEM },
    ),
  );
}

function CameraName(): PropertyDecorator {
  return composeDecorators(
    Trim(),
    IsString(),
    Length(1, CameraRules.nameMaxLength),
    NoControlCharacters(),
  );
}

/** Tags are case-insensitive labels: trimmed, lower-cased and de-duplicated before validation. */
function normaliseTags(value: unknown): unknown {
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) return value;
  return [...new Set((value as string[]).map((tag) => tag.trim().toLowerCase()))];
}

const TAG_PROBLEM = `each tag must be 1-${CameraRules.tagMaxLength} characters of a-z, 0-9, '-', '_' or ':'`;

function CameraTags(): PropertyDecorator {
  return composeDecorators(
    Transform(({ value }) => normaliseTags(value)),
    IsArray(),
    ArrayMaxSize(CameraRules.maxTags),
    IsString({ each: true }),
    Length(1, CameraRules.tagMaxLength, { each: true, message: TAG_PROBLEM }),
    Matches(CameraRules.tagPattern, { each: true, message: TAG_PROBLEM }),
  );
}

export class CameraLocationDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CameraRules.addressMaxLength)
  @NoControlCharacters()
  address?: string | null;
}

/** Fields left out keep their current value (or the default on create). */
export class RecordingPolicyDto {
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @OptionalNotNull()
  @IsInt()
  @Min(CameraRules.retentionDays.min)
  @Max(CameraRules.retentionDays.max)
  retentionDays?: number;
}

export class LprSettingsDto {
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  /** Frames per second sent to plate recognition. */
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(CameraRules.lprFps.min)
  @Max(CameraRules.lprFps.max)
  fps?: number;
}

/** Body of `POST /api/cameras`. Defaults: recording on for 7 days, LPR off at 1 fps, enabled. */
export class CreateCameraDto {
  @CameraName()
  name!: string;

  /**
   * An `rtsp://` or `rtsps://` URL with a host. May carry percent-encoded credentials
   * (`rtsp://user:pass@host/...`); they are stored encrypted, never returned.
   */
  @SourceUrl()
  sourceUrl!: string;

  /**
   * A second, low-resolution source of the same camera (an `rtsp://` or `rtsps://` URL, credentials
   * as for `sourceUrl`), played in small wall tiles; the full view plays `sourceUrl`. Optional.
   */
  @IsOptional()
  @SourceUrl()
  subStreamUrl?: string | null;

  @IsOptional()
  @NestedObject(CameraLocationDto)
  location?: CameraLocationDto | null;

  @OptionalNotNull()
  @CameraTags()
  tags?: string[];

  @OptionalNotNull()
  @NestedObject(RecordingPolicyDto)
  recording?: RecordingPolicyDto;

  @OptionalNotNull()
  @NestedObject(LprSettingsDto)
  lpr?: LprSettingsDto;

  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/**
 * Body of `PATCH /api/cameras/:id`: any subset of the create fields. A new `sourceUrl` (or
 * `subStreamUrl`) replaces its credentials too; leaving it out keeps them. `location: null` removes
 * the location, `subStreamUrl: null` the sub-stream.
 */
export class UpdateCameraDto {
  @OptionalNotNull()
  @CameraName()
  name?: string;

  @OptionalNotNull()
  @SourceUrl()
  sourceUrl?: string;

  @IsOptional()
  @SourceUrl()
  subStreamUrl?: string | null;

  @IsOptional()
  @NestedObject(CameraLocationDto)
  location?: CameraLocationDto | null;

  @OptionalNotNull()
  @CameraTags()
  tags?: string[];

  @OptionalNotNull()
  @NestedObject(RecordingPolicyDto)
  recording?: RecordingPolicyDto;

  @OptionalNotNull()
  @NestedObject(LprSettingsDto)
  lpr?: LprSettingsDto;

  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/** `tag=a&tag=b` and `tag=a,b` both work. */
function splitTagFilter(value: unknown): unknown {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((tag) => typeof tag !== 'string')) return value;
  const tags = (list as string[]).flatMap((tag) => tag.split(','));
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** Query of `GET /api/cameras`. Filters combine with AND; several tags match cameras having all of them. */
export class CameraListQueryDto {
  @IsOptional()
  @IsIn(CAMERA_STATUSES)
  status?: CameraStatus;

  @IsOptional()
  @Transform(({ value }) => splitTagFilter(value))
  @IsArray()
  @ArrayMaxSize(CameraRules.maxTags)
  @Matches(CameraRules.tagPattern, { each: true, message: TAG_PROBLEM })
  @MaxLength(CameraRules.tagMaxLength, { each: true, message: TAG_PROBLEM })
  tag?: string[];

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  lprEnabled?: boolean;

  /** Part of the name, case-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CameraRules.nameMaxLength)
  @NoControlCharacters()
  q?: string;

  @IsIn(CAMERA_SORTS)
  sort: CameraSort = 'name';

  @IsIn(SORT_ORDERS)
  order: SortOrder = 'asc';

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @DecimalInteger()
  @IsInt()
  @Min(CameraRules.listLimit.min)
  @Max(CameraRules.listLimit.max)
  limit: number = CameraRules.listLimit.default;
}

export interface CameraLocation {
  lat: number;
  lon: number;
  address: string | null;
}

/**
 * A camera as every API answers it. `sourceUrl` and `subStreamUrl` have their credentials masked
 * (`rtsp://***:***@host/...`).
 */
export interface CameraResponseDto {
  id: number;
  name: string;
  path: string;
  sourceUrl: string;
  subStreamUrl: string | null;
  location: CameraLocation | null;
  tags: string[];
  recording: { enabled: boolean; retentionDays: number };
  lpr: { enabled: boolean; fps: number };
  enabled: boolean;
  status: { state: CameraStatus; since: string };
  liveUrls: CameraLiveUrls;
  /** Where to play the sub-stream; null when the camera has none (small tiles play the main stream). */
  subStream: CameraSubStream | null;
  createdAt: string;
  updatedAt: string;
}

export const CAMERA_CHANGES = ['created', 'updated', 'deleted'] as const;
export type CameraChange = (typeof CAMERA_CHANGES)[number];

/**
 * Delivery of the registry's camera events (`camera.changed`, `camera.status.changed`): each is stored
 * in the registry's outbox in the transaction of the change it announces and published after it
 * commits, at least once, in order per camera. A consumer may see an event twice (after a NATS or
 * registry failure); it recognises a repeat by `eventId` or, better, handles events idempotently.
 */
export interface CameraEventEnvelope {
  /** Unique per event (UUID); the same on every delivery of that event. */
  eventId: string;
}

/** Payload of `NatsSubjects.cameraChanged`, published after each committed write (see CameraEventEnvelope). */
export interface CameraChangedEvent extends CameraEventEnvelope {
  cameraId: number;
  change: CameraChange;
  /** ISO-8601 time of the change. */
  at: string;
}

/**
 * Payload of `NatsSubjects.cameraStatusChanged`, published after the registry stored a status change
 * of a camera's MediaMTX path (see CameraEventEnvelope). `version` lets consumers refuse a shape they
 * do not know.
 */
export interface CameraStatusChangedEvent extends CameraEventEnvelope {
  version: 1;
  cameraId: number;
  /** MediaMTX path, `cam_{id}`. */
  path: string;
  status: CameraStatus;
  previous: CameraStatus;
  /** ISO-8601 time the new status started. */
  since: string;
  /** Why, for people: e.g. `path ready`, `stalled`, `mediamtx: <error>`. */
  reason?: string;
}
