import { ApiProperty } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  WATCHLIST_MATCH_MODES,
  type AlertResponseDto,
  type AlertSeverity,
  type Page,
  type WatchlistMatchMode,
} from '@gt-vision/shared-types';

/* Schemas of the alert answers; the contract is `AlertResponseDto` in shared-types. */

export class AcknowledgementResponse {
  /** The user (id) who acknowledged it. */
  by!: string;
  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class AlertResponse implements AlertResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  detectionId!: string;
  @ApiProperty({ format: 'uuid' })
  watchlistId!: string;
  @ApiProperty({ format: 'uuid' })
  entryId!: string;
  @ApiProperty({ type: 'integer' })
  cameraId!: number;
  /** The reading that matched (the plate or one of its alternatives), normalised. */
  plate!: string;
  /** The entry's plate or pattern when the alert was raised. */
  entryPlate!: string;
  @ApiProperty({ enum: WATCHLIST_MATCH_MODES })
  match!: WatchlistMatchMode;
  reason!: string;
  @ApiProperty({ enum: ALERT_SEVERITIES })
  severity!: AlertSeverity;
  @ApiProperty({ format: 'date-time' })
  capturedAt!: string;
  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;
  @ApiProperty({ type: AcknowledgementResponse, nullable: true })
  acknowledged!: AcknowledgementResponse | null;
}

export class AlertPageResponse implements Page<AlertResponseDto> {
  @ApiProperty({ type: [AlertResponse] })
  items!: AlertResponse[];
  /** Pass it back, with the same filters, for the next (older) page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
