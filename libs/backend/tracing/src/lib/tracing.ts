import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  Sampler,
  SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { validateEnv } from '@gt-vision/backend-config';
import { RequestIdSpanProcessor } from './request-id.processor';
import { TracingConfig, type TraceSamplerName } from './tracing.config';

/** The sampler OTEL_TRACES_SAMPLER names, with OTEL_TRACES_SAMPLER_ARG as the ratio of the ratio samplers. */
export function samplerOf(name: TraceSamplerName, ratio: number): Sampler {
  const [parentBased, root] = name.startsWith('parentbased_')
    ? [true, name.slice('parentbased_'.length)]
    : [false, name];
  const sampler =
    root === 'always_on'
      ? new AlwaysOnSampler()
      : root === 'always_off'
        ? new AlwaysOffSampler()
        : new TraceIdRatioBasedSampler(ratio);
  return parentBased ? new ParentBasedSampler({ root: sampler }) : sampler;
}

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Must run before the modules it instruments are loaded (first import of `main.ts`), because the
 * instrumentations patch `http`, `express` and `pg` as they are required.
 */
export function startTracing(service: string): void {
  const config = validateEnv(TracingConfig, process.env);
  const spanProcessors: SpanProcessor[] = [new RequestIdSpanProcessor()];
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    spanProcessors.push(
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` }),
      }),
    );
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    sampler: samplerOf(config.OTEL_TRACES_SAMPLER, config.OTEL_TRACES_SAMPLER_ARG),
    spanProcessors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // Baggage beside the trace context: it carries the edge's request id (libs/backend/logging) into
  // NATS and Kafka messages and outgoing calls, so a consumer's log lines name the request.
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Outgoing calls and SQL join a trace something else started (a request, a message); alone
      // (pollers, per-frame recognition) each would be a trace of its own, flooding the store.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]),
        requireParentforOutgoingSpans: true,
      }),
      // A span per request and per statement, not per Express layer or pool checkout: Nest's
      // middlewares, handlers and pg's pool gave a plate search 20 spans, 14 of them saying nothing
      // the request's span (named by its route all the same) and its SQL spans do not, each one
      // built, serialised and shipped to Jaeger on the request's CPU and stored there.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER],
      }),
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  process.once('beforeExit', () => void provider.shutdown());
}
