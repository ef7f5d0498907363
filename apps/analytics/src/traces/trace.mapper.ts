import {
  REQUEST_ID_ATTRIBUTE,
  type TraceAttributeValue,
  type TraceDetailDto,
  type TraceSpanDto,
  type TraceSummaryDto,
} from '@gt-vision/shared-types';
import type { JaegerSpan, JaegerTag, JaegerTrace } from './jaeger.client';

/** Jaeger's tags, as plain attributes; binary values (never set by our services) are dropped. */
function attributesOf(tags: JaegerTag[] = []): Record<string, TraceAttributeValue> {
  const attributes: Record<string, TraceAttributeValue> = {};
  for (const { key, value } of tags) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attributes[key] = value;
    }
  }
  return attributes;
}

/** OpenTelemetry's error status reaches Jaeger as `otel.status_code=ERROR` and the tag `error=true`. */
function isError(span: JaegerSpan): boolean {
  return (span.tags ?? []).some(
    (t) =>
      (t.key === 'error' && (t.value === true || t.value === 'true')) ||
      (t.key === 'otel.status_code' && t.value === 'ERROR'),
  );
}

/** The parent inside this trace; a parent the store never received makes the span a root. */
function parentOf(span: JaegerSpan, ids: Set<string>): string | null {
  const parent = (span.references ?? []).find(
    (r) => r.refType === 'CHILD_OF' && r.traceID === span.traceID && ids.has(r.spanID),
  );
  return parent?.spanID ?? null;
}

const ms = (micros: number) => Math.round(micros) / 1000;

/** Spans as a waterfall: depth first from the roots, siblings by start time. */
function waterfall(trace: JaegerTrace): TraceSpanDto[] {
  const spans = [...trace.spans].sort((a, b) => a.startTime - b.startTime);
  const ids = new Set(spans.map((s) => s.spanID));
  const start = spans[0]?.startTime ?? 0;
  const children = new Map<string | null, JaegerSpan[]>();
  for (const span of spans) {
    const parent = parentOf(span, ids);
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: TraceSpanDto[] = [];
  const visit = (span: JaegerSpan, parentSpanId: string | null, depth: number) => {
    ordered.push({
      spanId: span.spanID,
      parentSpanId,
      depth,
      service: trace.processes[span.processID]?.serviceName ?? 'unknown',
      name: span.operationName,
      offsetMs: ms(span.startTime - start),
      durationMs: ms(span.duration),
      error: isError(span),
      attributes: attributesOf(span.tags),
    });
    for (const child of children.get(span.spanID) ?? []) visit(child, span.spanID, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, null, 0);
  return ordered;
}

function extentOf(trace: JaegerTrace): { start: number; end: number } {
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
  return { start, end };
}

function servicesOf(spans: TraceSpanDto[]): string[] {
  return [...new Set([...spans].sort((a, b) => a.offsetMs - b.offsetMs).map((s) => s.service))];
}

export function mapTraceDetail(trace: JaegerTrace): TraceDetailDto {
  const spans = waterfall(trace);
  const { start, end } = extentOf(trace);
  return {
    traceId: trace.traceID,
    startedAt: new Date(start / 1000).toISOString(),
    durationMs: ms(end - start),
    services: servicesOf(spans),
    spans,
  };
}

export function mapTraceSummary(trace: JaegerTrace): TraceSummaryDto {
  const { traceId, startedAt, durationMs, services, spans } = mapTraceDetail(trace);
  const root = spans[0];
  const requestId = spans.find((s) => typeof s.attributes[REQUEST_ID_ATTRIBUTE] === 'string')
    ?.attributes[REQUEST_ID_ATTRIBUTE] as string | undefined;
  return {
    traceId,
    rootService: root?.service ?? 'unknown',
    rootName: root?.name ?? '',
    services,
    spanCount: spans.length,
    errorCount: spans.filter((s) => s.error).length,
    durationMs,
    startedAt,
    requestId: requestId ?? null,
  };
}
