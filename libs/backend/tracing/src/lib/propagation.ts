import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';

/** Reads one header of a received message, whatever the transport stores (NATS, Kafka). */
export type HeaderLookup = (name: string) => string | undefined;

const lookupGetter = {
  get: (lookup: HeaderLookup, key: string) => lookup(key),
  // The W3C propagators ask for their headers by name; they never list keys.
  keys: () => [],
};

/** The headers (W3C `traceparent`, `tracestate`, `baggage`) that carry `ctx` in an outgoing message. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a received message's headers carry: a remote parent, or the root when there is none. */
export function contextFromHeaders(lookup: HeaderLookup): Context {
  return propagation.extract(ROOT_CONTEXT, lookup, lookupGetter);
}

/** A link to the span a message's headers name, for work done for several messages at once. */
export function linkFromHeaders(lookup: HeaderLookup): Link | undefined {
  const span = trace.getSpanContext(contextFromHeaders(lookup));
  return span && trace.isSpanContextValid(span) ? { context: span } : undefined;
}

export interface SpanStart {
  kind: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** The parent; the active context when absent. */
  parent?: Context;
}

/**
 * Runs `work` in a new active span (so that the spans and log lines it causes join it), and ends the span
 * when the work settles, marked as an error with the exception when it throws.
 */
export function withSpan<T>(
  name: string,
  start: SpanStart,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent = context.active(), ...options } = start;
  return trace.getTracer('gt-vision').startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
