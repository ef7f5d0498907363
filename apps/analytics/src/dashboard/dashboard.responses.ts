import { ApiProperty } from '@nestjs/swagger';
import type {
  CameraCount,
  DashboardResponseDto,
  HourCount,
  PlateCount,
} from '@gt-vision/shared-types';

/* Schemas of the dashboard answer; the contract is `DashboardResponseDto` in shared-types. */

export class HourCountResponse implements HourCount {
  @ApiProperty({ format: 'date-time' })
  hour!: string;
  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class CameraCountResponse implements CameraCount {
  @ApiProperty({ type: 'integer' })
  cameraId!: number;
  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class PlateCountResponse implements PlateCount {
  plate!: string;
  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class DashboardResponse implements DashboardResponseDto {
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;
  @ApiProperty({ type: 'integer' })
  windowHours!: number;
  @ApiProperty({ type: [HourCountResponse] })
  detectionsPerHour!: HourCountResponse[];
  @ApiProperty({ type: [CameraCountResponse] })
  detectionsPerCamera!: CameraCountResponse[];
  @ApiProperty({ type: [PlateCountResponse] })
  topPlates!: PlateCountResponse[];
  @ApiProperty({
    nullable: true,
    description:
      'Cameras by status (online, offline, connecting, disabled); null when the registry did not answer',
    example: { total: 3, byStatus: { online: 2, offline: 1, connecting: 0, disabled: 0 } },
  })
  cameras!: DashboardResponseDto['cameras'];
  @ApiProperty({
    nullable: true,
    description: 'Alerts raised in the window; null when alerts are not available',
    example: { raised: 4, unacknowledged: 1, bySeverity: { info: 0, warning: 3, critical: 1 } },
  })
  alerts!: DashboardResponseDto['alerts'];
}
