import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DecimalInteger, Trim } from './dto-decorators';
import { ServiceNames, type ServiceName } from './services';

/**
 * Traces for admins (`GET /api/analytics/traces`, `GET /api/analytics/traces/:traceId`): read-only views of
 * what the stack's trace store (Jaeger) holds, in fixed shapes; the browser never talks to the store.
 */
export const TRACE_LOOKBACKS = ['15m', '1h', '6h', '24h'] as const;
export type TraceLookback = (typeof TRACE_LOOKBACKS)[number];

export const TRACE_SERVICES = Object.values(ServiceNames);

export const TraceRules = {
  limit: { default: 20, max: 100 },
  /** Ten minutes: nothing in the product legitimately runs longer in one trace. */
  maxMinDurationMs: 600_000,
  /** The request ids the services accept from the edge (libs/backend/logging `requestIdOf`). */
  requestIdPattern: /^[A-Za-z0-9._:-]{1,128}$/,
  /** W3C trace ids are 32 hex digits; Jaeger also knows 64-bit ones. */
  traceIdPattern: /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/,
} as const;

/** The span attribute (and W3C baggage entry) that carries the edge's request id. */
export const REQUEST_ID_ATTRIBUTE = 'gtv.request_id';

/** Query of `GET /api/analytics/traces`: recent traces, newest first. */
export class TraceSearchQueryDto {
  /** A service the trace passed through; all GT-Vision services when absent. */
  @IsOptional()
  @IsIn(TRACE_SERVICES)
  service?: ServiceName;

  /** The edge's request id (`X-Request-Id`), recorded on the spans as `gtv.request_id`. */
  @IsOptional()
  @Trim()
  @Matches(TraceRules.requestIdPattern, {
    message: '$property must be 1 to 128 letters, digits, ".", "_", ":" or "-"',
  })
  requestId?: string;

  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(TraceRules.maxMinDurationMs)
  minDurationMs?: number;

  @IsOptional()
  @IsIn(TRACE_LOOKBACKS)
  lookback: TraceLookback = '1h';

  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(TraceRules.limit.max)
  limit: number = TraceRules.limit.default;
}

export class TraceIdParamDto {
  @Matches(TraceRules.traceIdPattern, {
    message: '$property must be 16 or 32 lowercase hex digits',
  })
  traceId!: string;
}

export interface TraceSummaryDto {
  traceId: string;
  /** The span without a parent in the trace (the earliest when the trace is incomplete). */
  rootService: string;
  rootName: string;
  /** Services with spans in the trace, in the order they first appear. */
  services: string[];
  spanCount: number;
  /** Spans marked as errors (status error, or an `error` attribute). */
  errorCount: number;
  durationMs: number;
  startedAt: string;
  requestId: string | null;
}

export interface TraceSearchResponseDto {
  items: TraceSummaryDto[];
}

export type TraceAttributeValue = string | number | boolean;

export interface TraceSpanDto {
  spanId: string;
  /** Null for the root, or when the parent is not in the store (an incomplete trace). */
  parentSpanId: string | null;
  /** Ancestors of the span in the trace: its indentation in the waterfall. */
  depth: number;
  service: string;
  name: string;
  /** Milliseconds from the start of the trace. */
  offsetMs: number;
  durationMs: number;
  error: boolean;
  attributes: Record<string, TraceAttributeValue>;
}

/** Answer of `GET /api/analytics/traces/:traceId`: spans ordered as a waterfall (parents before children). */
export interface TraceDetailDto {
  traceId: string;
  startedAt: string;
  durationMs: number;
  services: string[];
  spans: TraceSpanDto[];
}
