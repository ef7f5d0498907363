import { ApiProperty } from '@nestjs/swagger';
import {
  SYSTEM_METRIC_RANGES,
  type SystemChartDto,
  type SystemChartSeriesDto,
  type SystemChartUnit,
  type SystemMetricRange,
  type SystemMetricsResponseDto,
} from '@gt-vision/shared-types';

/* Schemas of the system-metrics answer; the contract is `SystemMetricsResponseDto` in shared-types. */

export class SystemChartSeriesResponse implements SystemChartSeriesDto {
  label!: string;
  @ApiProperty({
    description: '`[unix seconds, value]` pairs, oldest first',
    type: 'array',
    items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
  })
  points!: [number, number][];
}

export class SystemChartResponse implements SystemChartDto {
  /** `cpu`, `memory`, `disk`, `edgeRequests`, `edgeErrors`, `detectionsStored`, `consumerLag`, `cameraPaths`. */
  id!: string;
  @ApiProperty({ enum: ['ratio', 'perSecond', 'count'] })
  unit!: SystemChartUnit;
  @ApiProperty({ type: [SystemChartSeriesResponse] })
  series!: SystemChartSeriesResponse[];
}

export class SystemMetricsResponse implements SystemMetricsResponseDto {
  @ApiProperty({ enum: SYSTEM_METRIC_RANGES })
  range!: SystemMetricRange;
  stepSeconds!: number;
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;
  @ApiProperty({ type: [SystemChartResponse] })
  charts!: SystemChartResponse[];
}
