import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { contextFromHeaders, linkFromHeaders, traceHeaders, withSpan } from './propagation';
import { startTracing } from './tracing';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

const lookupOf = (headers: Record<string, string>) => (name: string) => headers[name];

describe('trace propagation helpers', () => {
  beforeAll(() => startTracing('propagation-spec'));

  it('writes the active span as a W3C traceparent header', () => {
    const remote = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(traceHeaders(remote)).toEqual({ traceparent: TRACEPARENT });
  });

  it('writes the baggage beside the trace context, and reads it back from a received message', () => {
    const remote = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    const baggage = propagation.createBaggage({ 'gtv.request_id': { value: 'req-0001' } });
    const headers = traceHeaders(propagation.setBaggage(remote, baggage));
    expect(headers).toEqual({ traceparent: TRACEPARENT, baggage: 'gtv.request_id=req-0001' });
    const received = contextFromHeaders(lookupOf(headers));
    expect(propagation.getBaggage(received)?.getEntry('gtv.request_id')?.value).toBe('req-0001');
  });

  it('writes nothing when no trace is active', () => {
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
  });

  it('reads the remote parent back from the headers of a received message', () => {
    const parent = trace.getSpanContext(contextFromHeaders(lookupOf({ traceparent: TRACEPARENT })));
    expect(parent).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
  });

  it('gives the root context (a new trace) for a message without trace headers', () => {
    expect(trace.getSpanContext(contextFromHeaders(lookupOf({})))).toBeUndefined();
    expect(linkFromHeaders(lookupOf({ traceparent: 'garbage' }))).toBeUndefined();
  });

  it('links to the span named in the headers', () => {
    expect(linkFromHeaders(lookupOf({ traceparent: TRACEPARENT }))?.context).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
  });

  it('continues the headers’ trace in a span that is active during the work, across awaits', async () => {
    const parent = contextFromHeaders(lookupOf({ traceparent: TRACEPARENT }));
    const seen = await withSpan('process x', { kind: SpanKind.CONSUMER, parent }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return traceHeaders();
    });
    const [, traceId, spanId, flags] = seen['traceparent'].split('-');
    expect(traceId).toBe(TRACE_ID);
    expect(spanId).not.toBe(SPAN_ID); // the new span's own id, a child of the sender's
    expect(flags).toBe('01');
  });

  it('ends the span and rethrows when the work fails', async () => {
    let span: ReturnType<typeof trace.getActiveSpan>;
    const failing = withSpan('fails', { kind: SpanKind.INTERNAL }, async () => {
      span = trace.getActiveSpan();
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(span?.isRecording()).toBe(false); // ended
    expect(trace.getSpan(context.active())).toBeUndefined();
  });
});
