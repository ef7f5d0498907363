import type { JaegerSpan, JaegerTrace } from './jaeger.client';
import { mapTraceDetail, mapTraceSummary } from './trace.mapper';

const T = '0af7651916cd43dd8448eb211c80319c';
const at = 1_764_662_400_000_000; // µs

function span(
  id: string,
  parent: string | null,
  start: number,
  duration: number,
  p: string,
  extra: Partial<JaegerSpan> = {},
): JaegerSpan {
  return {
    traceID: T,
    spanID: id,
    operationName: `op ${id}`,
    references: parent ? [{ refType: 'CHILD_OF', traceID: T, spanID: parent }] : [],
    startTime: at + start,
    duration,
    processID: p,
    tags: [],
    ...extra,
  };
}

/** ingest receives, publishes to Kafka; analytics consumes and writes; one span's parent never arrived. */
const trace: JaegerTrace = {
  traceID: T,
  processes: { p1: { serviceName: 'ingest' }, p2: { serviceName: 'analytics' } },
  spans: [
    span('c', 'b', 3_000, 5_000, 'p2', {
      tags: [
        { key: 'otel.status_code', value: 'ERROR' },
        { key: 'db.system', value: 'postgresql' },
        { key: 'rows', value: 3 },
        { key: 'blob', type: 'binary', value: { bytes: [] } },
      ],
    }),
    span('a', null, 0, 10_000, 'p1', { tags: [{ key: 'gtv.request_id', value: 'edge-1' }] }),
    span('b', 'a', 1_000, 1_500, 'p1'),
    span('d', 'a', 500, 250, 'p1'),
    span('x', 'lost', 9_000, 2_500, 'p2'),
  ],
};

describe('mapTraceDetail', () => {
  it('orders spans as a waterfall: parents first, siblings by start, with their depth', () => {
    const detail = mapTraceDetail(trace);
    expect(detail.spans.map((s) => [s.spanId, s.parentSpanId, s.depth])).toEqual([
      ['a', null, 0],
      ['d', 'a', 1],
      ['b', 'a', 1],
      ['c', 'b', 2],
      // Its parent is not in the store: shown as a root of its own rather than dropped.
      ['x', null, 0],
    ]);
  });

  it('gives offsets and durations in ms from the first span, the whole extent, services in order', () => {
    const detail = mapTraceDetail(trace);
    expect(detail.startedAt).toBe(new Date(at / 1000).toISOString());
    expect(detail.durationMs).toBe(11.5);
    expect(detail.services).toEqual(['ingest', 'analytics']);
    const c = detail.spans.find((s) => s.spanId === 'c');
    expect(c).toMatchObject({ service: 'analytics', offsetMs: 3, durationMs: 5, error: true });
    expect(c?.attributes).toEqual({
      'otel.status_code': 'ERROR',
      'db.system': 'postgresql',
      rows: 3,
    });
  });
});

describe('mapTraceSummary', () => {
  it('names the root, counts spans and errors, and carries the request id', () => {
    expect(mapTraceSummary(trace)).toEqual({
      traceId: T,
      rootService: 'ingest',
      rootName: 'op a',
      services: ['ingest', 'analytics'],
      spanCount: 5,
      errorCount: 1,
      durationMs: 11.5,
      startedAt: new Date(at / 1000).toISOString(),
      requestId: 'edge-1',
    });
  });
});
