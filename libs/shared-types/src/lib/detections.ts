import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import {
  composeDecorators,
  DecimalInteger,
  NestedArray,
  NestedObject,
  NoControlCharacters,
  OptionalNotNull,
  Trim,
} from './dto-decorators';
import { TimeRangeQueryDto } from './pagination';
import { normalisePlate, PLATE_MATCH_MODES, PlateRules, type PlateMatchMode } from './plates';

/** Version of the detection contract: the Kafka payload, the ingest body and the API answers. */
export const DETECTION_VERSION = 1;

/** Bounds shared by ingest's validation, analytics' schema and the console's filters. */
export const DetectionRules = {
  /** A detection may be stamped this far ahead of the receiving server's clock (camera clock skew). */
  maxFutureSkewMs: 5 * 60 * 1000,
  /** Older detections are refused: they would land in partitions retention already dropped. */
  maxAgeDays: 30,
  maxAlternatives: 10,
  sourceMaxLength: 64,
  sourcePattern: /^[a-z0-9][a-z0-9._:-]*$/,
  attributeMaxLength: 40,
  snapshotRefMaxLength: 512,
  /** Default of ingest's `INGEST_BATCH_MAX` (items in one `POST /api/ingest/lpr/batch`). */
  batchMaxDefault: 1000,
  searchLimit: { min: 1, max: 500, default: 50 },
} as const;

export const VEHICLE_TYPES = ['car', 'motorcycle', 'truck', 'bus', 'van', 'other'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

const PLATE_PROBLEM = `$property must hold ${PlateRules.minLength}-${PlateRules.maxLength} letters or digits (separators are ignored)`;

/** A plate as a client reads it: any case and separators, whose normalised form is a valid plate. */
function PlateText(): PropertyDecorator {
  return composeDecorators(
    IsString(),
    MaxLength(PlateRules.rawMaxLength),
    NoControlCharacters(),
    ValidateBy(
      {
        name: 'isPlate',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' && PlateRules.pattern.test(normalisePlate(value)),
        },
      },
      { message: PLATE_PROBLEM },
    ),
  );
}

/** A number from 0 to 1: a confidence, or a position as a fraction of the frame. */
function Fraction(): PropertyDecorator {
  return composeDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1));
}

/** Where the plate is in the frame, as fractions of the frame's width and height (0-1). */
export class BoundingBoxDto {
  @Fraction()
  x!: number;

  @Fraction()
  y!: number;

  @Fraction()
  width!: number;

  @Fraction()
  height!: number;
}

export class VehicleAttributesDto {
  @IsOptional()
  @IsIn(VEHICLE_TYPES)
  type?: VehicleType;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DetectionRules.attributeMaxLength)
  @NoControlCharacters()
  colour?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DetectionRules.attributeMaxLength)
  @NoControlCharacters()
  make?: string;
}

/** Another reading the OCR hesitated over, with its own confidence. */
export class PlateReadingDto {
  @PlateText()
  plate!: string;

  @Fraction()
  confidence!: number;
}

/**
 * Body of `POST /api/ingest/lpr` (and each item of the batch endpoint). `plate` may carry separators and
 * lower case (`abc-1d23`); it is stored normalised (`ABC1D23`) beside the text as sent (`plateRaw`).
 * `id` is the idempotency key: send the same detection twice with the same id and it is stored once.
 */
export class IngestDetectionDto {
  @IsOptional()
  @IsUUID()
  id?: string;

  @IsInt()
  @Min(1)
  cameraId!: number;

  @PlateText()
  plate!: string;

  @Fraction()
  confidence!: number;

  /** ISO-8601 with a time zone; no more than `maxFutureSkewMs` ahead, no more than `maxAgeDays` old. */
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: '$property must include a time zone (Z or ±hh:mm)' })
  capturedAt!: string;

  @IsOptional()
  @NestedObject(BoundingBoxDto)
  bbox?: BoundingBoxDto;

  @IsOptional()
  @NestedObject(VehicleAttributesDto)
  vehicle?: VehicleAttributesDto;

  /**
   * Where the evidence image is: a key of GT-Vision's snapshot store, or an https URL, which the
   * snapshot route follows only on the hosts the deployment allows (SNAPSHOT_EXTERNAL_HOSTS).
   */
  @IsOptional()
  @IsString()
  @MaxLength(DetectionRules.snapshotRefMaxLength)
  @NoControlCharacters()
  snapshotRef?: string;

  /** Which engine or device read the plate (`gtv-frame-extraction`, `frigate`, ...); defaults to the API key's name. */
  @IsOptional()
  @IsString()
  @MaxLength(DetectionRules.sourceMaxLength)
  @Matches(DetectionRules.sourcePattern, {
    message: '$property must be lower-case letters, digits, ".", "_", ":" or "-"',
  })
  source?: string;

  @OptionalNotNull()
  @NestedArray(PlateReadingDto, DetectionRules.maxAlternatives)
  alternatives?: PlateReadingDto[];
}

/** Body of `POST /api/ingest/lpr/batch`: all items are accepted, or none (errors name `items.3.plate`). */
export class IngestDetectionBatchDto {
  @NestedArray(IngestDetectionDto, Number.MAX_SAFE_INTEGER)
  items!: IngestDetectionDto[];
}

/** Answer of the ingest endpoints (`202`): the ids under which the detections are durable. */
export interface IngestAcceptedResponse {
  accepted: number;
  ids: string[];
}

export interface BoundingBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface VehicleAttributes {
  type: VehicleType | null;
  colour: string | null;
  make: string | null;
}

export interface PlateReading {
  /** Normalised. */
  plate: string;
  confidence: number;
}

/**
 * A detection on the stream (`KafkaTopics.detections`, keyed by camera id). Produced by ingest once
 * validated; consumed by analytics, which stores it idempotently on `id`. Every field is normalised:
 * `plate` and the alternatives' plates match `PlateRules.pattern`.
 */
export interface DetectionEventV1 {
  version: typeof DETECTION_VERSION;
  id: string;
  cameraId: number;
  plate: string;
  plateRaw: string;
  confidence: number;
  capturedAt: string;
  /** When ingest accepted it (ISO-8601): capture → acceptance is the pipeline's own latency. */
  receivedAt: string;
  bbox: BoundingBox | null;
  vehicle: VehicleAttributes | null;
  snapshotRef: string | null;
  source: string;
  alternatives: PlateReading[];
}

/** Where a detection's moment is in the recordings, ready for MediaMTX's playback server. */
export interface RecordingReference {
  /** MediaMTX path, `cam_{id}`. */
  path: string;
  /** The capture time (ISO-8601). */
  at: string;
  /** Through the edge: `/playback/get?path=…&start=…&duration=…` around the capture time. */
  playbackUrl: string;
}

/** A detection as the API answers it. */
export interface DetectionResponseDto {
  id: string;
  cameraId: number;
  plate: string;
  plateRaw: string;
  confidence: number;
  capturedAt: string;
  receivedAt: string;
  storedAt: string;
  bbox: BoundingBox | null;
  vehicle: VehicleAttributes | null;
  source: string;
  alternatives: PlateReading[];
  /** `GET /api/detections/:id/snapshot` when there is evidence, else null. */
  snapshotUrl: string | null;
  recording: RecordingReference;
}

/**
 * Query of `GET /api/detections`. Newest first; `cursor` pages are stable under inserts. `plate` with
 * `match` searches the reading and its alternatives.
 */
export class DetectionSearchQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PlateRules.wildcardPattern, {
    message: '$property must be letters, digits, "?" or "*" (separators are ignored)',
  })
  @Transform(({ value }) =>
    typeof value === 'string' ? value.toUpperCase().replace(/[^A-Z0-9?*]/g, '') : value,
  )
  plate?: string;

  @IsIn(PLATE_MATCH_MODES)
  match: PlateMatchMode = 'contains';

  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  cameraId?: number;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && value !== '' ? Number(value) : value))
  @Fraction()
  minConfidence?: number;

  @IsOptional()
  @IsString()
  @MaxLength(DetectionRules.sourceMaxLength)
  source?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @DecimalInteger()
  @IsInt()
  @Min(DetectionRules.searchLimit.min)
  @Max(DetectionRules.searchLimit.max)
  limit: number = DetectionRules.searchLimit.default;
}
