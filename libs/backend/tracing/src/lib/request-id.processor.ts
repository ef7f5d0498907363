import type { Context } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { REQUEST_ID_BAGGAGE, requestIdIn } from '@gt-vision/backend-logging';

/**
 * Names every span with the edge request id its context's baggage carries (into NATS and Kafka consumers
 * and called services too), so the trace store finds a request's trace by that id from any service.
 */
export class RequestIdSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const id = requestIdIn(parentContext);
    if (id !== undefined) span.setAttribute(REQUEST_ID_BAGGAGE, id);
  }

  onEnd(): void {
    // Nothing to export: the attribute is set when the span starts.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
