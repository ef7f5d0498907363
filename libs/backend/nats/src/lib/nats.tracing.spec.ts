import { NatsRecord } from '@nestjs/microservices';
import { ROOT_CONTEXT, context, trace, TraceFlags } from '@opentelemetry/api';
import { startTracing } from '@gt-vision/backend-tracing';
import { headers } from 'nats';
import { inNatsReceiveSpan, inNatsSendSpan, withTraceHeaders } from './nats.tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('NATS trace propagation', () => {
  beforeAll(() => startTracing('nats-tracing-spec'));

  it('leaves the payload as it is when no trace is active', () => {
    expect(withTraceHeaders({ id: 1 })).toEqual({ id: 1 });
  });

  it("carries the sending span in the message's headers, around the unchanged payload", async () => {
    const sent = await inNatsSendSpan('request', 'camera.list', async () => ({
      record: withTraceHeaders({ id: 1 }),
      spanId: trace.getActiveSpan()?.spanContext().spanId,
    }));
    expect(sent.record).toBeInstanceOf(NatsRecord);
    const record = sent.record as NatsRecord<{ id: number }>;
    expect(record.data).toEqual({ id: 1 });
    expect(record.headers?.get('traceparent')).toMatch(
      new RegExp(`^00-[0-9a-f]{32}-${sent.spanId}-01$`),
    );
  });

  it("handles a received message in a child of the sender's span, found in its headers", async () => {
    const sender = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const record = context.with(sender, () => withTraceHeaders({ id: 1 })) as NatsRecord;
    const message = { subject: 'camera.get', reply: '_INBOX.1', headers: record.headers };
    const seen = await inNatsReceiveSpan(message, async () => trace.getActiveSpan()?.spanContext());
    expect(seen?.traceId).toBe(TRACE_ID);
    expect(seen?.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace for a message published without trace headers', async () => {
    const message = { subject: 'camera.changed', reply: '', headers: headers() };
    const seen = await inNatsReceiveSpan(message, async () => trace.getActiveSpan()?.spanContext());
    expect(seen?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen?.traceId).not.toBe(TRACE_ID);
  });
});
