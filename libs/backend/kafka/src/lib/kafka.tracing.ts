import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import {
  contextFromHeaders,
  traceHeaders,
  withSpan,
  type HeaderLookup,
} from '@gt-vision/backend-tracing';
import type { Batch, IHeaders } from 'kafkajs';

function messagingAttributes(topic: string) {
  return { 'messaging.system': 'kafka', 'messaging.destination.name': topic };
}

/** Reads a trace header of a consumed message (kafkajs gives header values as Buffers). */
export function kafkaHeaderLookup(headers: IHeaders | undefined): HeaderLookup {
  return (name) => {
    const value = headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
}

/**
 * Runs a publish in a producer span and hands `work` the headers that carry it, for every message the
 * publish sends: the consumer's span becomes its child.
 */
export function inKafkaPublishSpan<T>(
  topic: string,
  work: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const options = { kind: SpanKind.PRODUCER, attributes: messagingAttributes(topic) };
  return withSpan(`publish ${topic}`, options, () => work(traceHeaders()));
}

/**
 * For a message queued now and sent later with others: a producer span for its creation, ended at once,
 * and the headers that make the consumer's span its child.
 */
export function createMessageHeaders(topic: string): Record<string, string> {
  const tracer = trace.getTracer('gt-vision');
  const span = tracer.startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: messagingAttributes(topic),
  });
  const headers = traceHeaders(trace.setSpan(context.active(), span));
  span.end();
  return headers;
}

/** A trace a batch's message carries: its span context, and the context it came in (with its baggage). */
interface CarriedTrace {
  span: SpanContext;
  context: Context;
}

/** The distinct traces a batch's messages carry, sampled ones first. */
function tracesOf(batch: Pick<Batch, 'messages'>): CarriedTrace[] {
  const byTrace = new Map<string, CarriedTrace>();
  for (const message of batch.messages) {
    const carriedContext = contextFromHeaders(kafkaHeaderLookup(message.headers));
    const span = trace.getSpanContext(carriedContext);
    if (span && trace.isSpanContextValid(span) && !byTrace.has(span.traceId)) {
      byTrace.set(span.traceId, { span, context: carriedContext });
    }
  }
  const sampled = (c: CarriedTrace) =>
    (c.span.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
  const all = [...byTrace.values()];
  return [...all.filter(sampled), ...all.filter((c) => !sampled(c))];
}

/**
 * Handles a fetched batch in one consumer span, the child of the first (sampled) trace its messages
 * carry, so that what the handling causes (SQL, events) joins that trace. A batch stored in one
 * transaction cannot be split by trace: every other trace in it gets a receive span of its own, linked
 * to the batch's span, so each producer's trace still shows where its message went.
 */
export function inKafkaBatchSpan<T>(
  batch: Pick<Batch, 'topic' | 'partition' | 'messages'>,
  work: () => Promise<T>,
): Promise<T> {
  const [first, ...others] = tracesOf(batch);
  const attributes = {
    ...messagingAttributes(batch.topic),
    'messaging.batch.message_count': batch.messages.length,
    'messaging.destination.partition.id': String(batch.partition),
  };
  // The first trace's own context, baggage included (the request id of what produced it).
  const parent = first?.context ?? ROOT_CONTEXT;
  const links = others.map((other) => ({ context: other.span }));
  const options = { kind: SpanKind.CONSUMER, attributes, parent, links };
  return withSpan(`process ${batch.topic}`, options, (span) => {
    const tracer = trace.getTracer('gt-vision');
    for (const other of others) {
      const receive = {
        kind: SpanKind.CONSUMER,
        attributes,
        links: [{ context: span.spanContext() }],
      };
      tracer.startSpan(`receive ${batch.topic}`, receive, other.context).end();
    }
    return work();
  });
}
