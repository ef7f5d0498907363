import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { startTracing, traceHeaders } from '@gt-vision/backend-tracing';
import type { KafkaMessage } from 'kafkajs';
import {
  createMessageHeaders,
  inKafkaBatchSpan,
  inKafkaPublishSpan,
  kafkaHeaderLookup,
} from './kafka.tracing';

const traceparent = (traceId: string, flags: string) => `00-${traceId}-00f067aa0ba902b7-${flags}`;
const SAMPLED = 'a'.repeat(32);
const UNSAMPLED = 'b'.repeat(32);

/** A consumed message: kafkajs hands header values over as Buffers. */
function consumed(headers: Record<string, string>): KafkaMessage {
  const buffers = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]),
  );
  return { headers: buffers } as unknown as KafkaMessage;
}

describe('Kafka trace propagation', () => {
  beforeAll(() => startTracing('kafka-tracing-spec'));

  it('reads header values whether Buffers, strings or lists', () => {
    const lookup = kafkaHeaderLookup({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('z')] });
    expect([lookup('a'), lookup('b'), lookup('c'), lookup('d')]).toEqual([
      'x',
      'y',
      'z',
      undefined,
    ]);
    expect(kafkaHeaderLookup(undefined)('a')).toBeUndefined();
  });

  it("hands the publish the headers of its own producer span, a child of the caller's", async () => {
    const caller = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: SAMPLED,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const headers = await context.with(caller, () =>
      inKafkaPublishSpan('gtv.detections', async (h) => h),
    );
    expect(headers['traceparent']).toMatch(new RegExp(`^00-${SAMPLED}-[0-9a-f]{16}-01$`));
    expect(headers['traceparent']).not.toContain('00f067aa0ba902b7');
  });

  it('gives a message queued for later the headers of a creation span', () => {
    expect(createMessageHeaders('gtv.detections')['traceparent']).toMatch(/^00-[0-9a-f]{32}-/);
  });

  it('processes a batch in the first sampled trace its messages carry', async () => {
    const batch = {
      topic: 'gtv.detections',
      partition: 0,
      messages: [
        consumed({}),
        consumed({ traceparent: traceparent(UNSAMPLED, '00') }),
        consumed({ traceparent: traceparent(SAMPLED, '01'), baggage: 'gtv.request_id=req-7' }),
      ],
    };
    const active = await inKafkaBatchSpan(batch, async () => traceHeaders());
    expect(active['traceparent']).toMatch(new RegExp(`^00-${SAMPLED}-`));
    // With that message's baggage: the handling's log lines name the request that produced it.
    expect(active['baggage']).toBe('gtv.request_id=req-7');
  });

  it('starts a new trace for a batch whose messages carry none', async () => {
    const batch = { topic: 't', partition: 1, messages: [consumed({})] };
    const active = await inKafkaBatchSpan(batch, async () => traceHeaders());
    expect(active['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
