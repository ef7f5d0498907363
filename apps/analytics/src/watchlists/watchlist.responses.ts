import { ApiProperty } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  WATCHLIST_MATCH_MODES,
  type AlertSeverity,
  type WatchlistEntryResponseDto,
  type WatchlistMatchMode,
  type WatchlistResponseDto,
} from '@gt-vision/shared-types';

/*
 * Schemas of the watchlist answers. The contract is the shared-types interfaces (shared-types stays
 * free of @nestjs/swagger for the console); `implements` keeps these in step with it.
 */

export class WatchlistResponse implements WatchlistResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
  @ApiProperty({ type: 'integer' })
  entryCount!: number;
  /** The user (id) who created it. */
  createdBy!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class WatchlistEntryResponse implements WatchlistEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  watchlistId!: string;
  /** A normalised plate (`exact`, `ocr`) or pattern (`wildcard`). */
  plate!: string;
  @ApiProperty({ enum: WATCHLIST_MATCH_MODES })
  match!: WatchlistMatchMode;
  reason!: string;
  @ApiProperty({ enum: ALERT_SEVERITIES })
  severity!: AlertSeverity;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
  /** The user (id) who added it. */
  createdBy!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
