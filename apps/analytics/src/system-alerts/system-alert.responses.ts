import { ApiProperty } from '@nestjs/swagger';
import {
  SYSTEM_ALERT_STATUSES,
  type SystemAlertDto,
  type SystemAlertListResponseDto,
  type SystemAlertStatus,
} from '@gt-vision/shared-types';

/* Schemas of the system-alert answers; the contract is `SystemAlertDto` in shared-types. */

export class SystemAlertResponse implements SystemAlertDto {
  /** Alertmanager's fingerprint of the alert's labels. */
  fingerprint!: string;
  /** The rule's name (`alertname`), e.g. `CameraOffline`. */
  name!: string;
  @ApiProperty({ enum: SYSTEM_ALERT_STATUSES })
  status!: SystemAlertStatus;
  /** The rule's `severity` label: `critical` or `warning`. */
  severity!: string;
  @ApiProperty({ type: String, nullable: true })
  summary!: string | null;
  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  labels!: Record<string, string>;
  @ApiProperty({ format: 'date-time' })
  startsAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endsAt!: string | null;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class SystemAlertListResponse implements SystemAlertListResponseDto {
  @ApiProperty({ type: [SystemAlertResponse] })
  items!: SystemAlertResponse[];
}
