import { NatsRecordBuilder, type NatsRecord } from '@nestjs/microservices';
import { SpanKind, type Span } from '@opentelemetry/api';
import { contextFromHeaders, traceHeaders, withSpan } from '@gt-vision/backend-tracing';
import { headers, type Msg } from 'nats';

function messagingAttributes(subject: string) {
  return { 'messaging.system': 'nats', 'messaging.destination.name': subject };
}

/**
 * The payload as Nest's NATS client sends it, with the active trace context in the message's headers
 * (a NatsRecord); unchanged when no trace is active, so the wire format stays `{pattern, data}` either way.
 */
export function withTraceHeaders<T>(payload: T): T | NatsRecord<T> {
  const carried = Object.entries(traceHeaders());
  if (carried.length === 0) return payload;
  const natsHeaders = headers();
  for (const [name, value] of carried) natsHeaders.set(name, value);
  return new NatsRecordBuilder(payload).setHeaders(natsHeaders).build();
}

/** The span of a message sent on `subject`: a request (client) or an event (producer). */
export function inNatsSendSpan<T>(
  operation: 'request' | 'publish',
  subject: string,
  work: () => Promise<T>,
): Promise<T> {
  const kind = operation === 'request' ? SpanKind.CLIENT : SpanKind.PRODUCER;
  return withSpan(
    `${operation} ${subject}`,
    { kind, attributes: messagingAttributes(subject) },
    work,
  );
}

/**
 * Handles a received message in a span whose parent is the trace its headers carry: a request's
 * handling (server) or an event's (consumer). Without trace headers the span starts a new trace.
 */
export function inNatsReceiveSpan<T>(
  message: Pick<Msg, 'subject' | 'headers' | 'reply'>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = contextFromHeaders((name) =>
    message.headers?.has(name) ? message.headers.get(name) : undefined,
  );
  const kind = message.reply ? SpanKind.SERVER : SpanKind.CONSUMER;
  const attributes = messagingAttributes(message.subject);
  return withSpan(`process ${message.subject}`, { kind, attributes, parent }, work);
}
