import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Transform } from 'class-transformer';
import {
  DecimalInteger,
  NoControlCharacters,
  OptionalNotNull,
  QueryBoolean,
  Trim,
} from './dto-decorators';
import { TimeRangeQueryDto } from './pagination';
import {
  normalisePlatePattern,
  PlateRules,
  WATCHLIST_MATCH_MODES,
  type WatchlistMatchMode,
} from './plates';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const WatchlistRules = {
  nameMaxLength: 100,
  descriptionMaxLength: 500,
  reasonMaxLength: 200,
  /** A wildcard entry names at least this many letters or digits: `*` alone would flag every car. */
  wildcardMinLiterals: 2,
  alertLimit: { min: 1, max: 500, default: 50 },
} as const;

/** Body of `POST /api/watchlists` (and, any subset, `PATCH /api/watchlists/:id`). */
export class CreateWatchlistDto {
  @Trim()
  @IsString()
  @Length(1, WatchlistRules.nameMaxLength)
  @NoControlCharacters()
  name!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(WatchlistRules.descriptionMaxLength)
  @NoControlCharacters()
  description?: string | null;
}

export class UpdateWatchlistDto {
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, WatchlistRules.nameMaxLength)
  @NoControlCharacters()
  name?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(WatchlistRules.descriptionMaxLength)
  @NoControlCharacters()
  description?: string | null;
}

/**
 * Body of `POST /api/watchlists/:id/entries`. `plate` is a plate (`exact`, `ocr`) or a pattern with
 * `?` and `*` (`wildcard`), normalised like a reading. An entry stops matching at `expiresAt`.
 */
export class CreateWatchlistEntryDto {
  @Transform(({ value }) => (typeof value === 'string' ? normalisePlatePattern(value) : value))
  @IsString()
  @Matches(PlateRules.wildcardPattern, {
    message: '$property must be letters, digits, "?" or "*" (separators are ignored)',
  })
  plate!: string;

  @IsIn(WATCHLIST_MATCH_MODES)
  match: WatchlistMatchMode = 'exact';

  @Trim()
  @IsString()
  @Length(1, WatchlistRules.reasonMaxLength)
  @NoControlCharacters()
  reason!: string;

  @IsIn(ALERT_SEVERITIES)
  severity: AlertSeverity = 'warning';

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export interface WatchlistResponseDto {
  id: string;
  name: string;
  description: string | null;
  entryCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface WatchlistEntryResponseDto {
  id: string;
  watchlistId: string;
  plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  expiresAt: string | null;
  /** The user (id) who added it. */
  createdBy: string;
  createdAt: string;
}

/** An alert: one per detection × watchlist entry that matched it. */
export interface AlertResponseDto {
  id: string;
  detectionId: string;
  watchlistId: string;
  entryId: string;
  cameraId: number;
  /** The reading that matched (the plate or one of its alternatives), normalised. */
  plate: string;
  /** The entry's plate or pattern, and how it matched. */
  entryPlate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  capturedAt: string;
  raisedAt: string;
  acknowledged: { by: string; at: string } | null;
}

/** Payload of `NatsSubjects.alertRaised`, published through analytics' outbox after the alert is stored. */
export interface AlertRaisedEvent {
  version: 1;
  /** Unique per event; the same on every delivery (at least once). */
  eventId: string;
  alert: AlertResponseDto;
}

/** Query of `GET /api/alerts`: newest first, `cursor` from the previous page's `nextCursor`. */
export class AlertQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  cameraId?: number;

  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  acknowledged?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @DecimalInteger()
  @IsInt()
  @Min(WatchlistRules.alertLimit.min)
  @Max(WatchlistRules.alertLimit.max)
  limit: number = WatchlistRules.alertLimit.default;
}
