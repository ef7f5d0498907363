import { ApiProperty } from '@nestjs/swagger';
import type {
  TraceAttributeValue,
  TraceDetailDto,
  TraceSearchResponseDto,
  TraceSpanDto,
  TraceSummaryDto,
} from '@gt-vision/shared-types';

/* Schemas of the traces answers; the contracts are the DTO interfaces in shared-types. */

export class TraceSummaryResponse implements TraceSummaryDto {
  traceId!: string;
  rootService!: string;
  rootName!: string;
  services!: string[];
  spanCount!: number;
  errorCount!: number;
  durationMs!: number;
  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The edge request id (`gtv.request_id`)',
  })
  requestId!: string | null;
}

export class TraceSearchResponse implements TraceSearchResponseDto {
  @ApiProperty({ type: [TraceSummaryResponse], description: 'Newest first' })
  items!: TraceSummaryResponse[];
}

export class TraceSpanResponse implements TraceSpanDto {
  spanId!: string;
  @ApiProperty({ type: String, nullable: true })
  parentSpanId!: string | null;
  depth!: number;
  service!: string;
  name!: string;
  /** Milliseconds from the start of the trace. */
  offsetMs!: number;
  durationMs!: number;
  error!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  })
  attributes!: Record<string, TraceAttributeValue>;
}

export class TraceDetailResponse implements TraceDetailDto {
  traceId!: string;
  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
  durationMs!: number;
  services!: string[];
  @ApiProperty({ type: [TraceSpanResponse], description: 'Parents before their children' })
  spans!: TraceSpanResponse[];
}
