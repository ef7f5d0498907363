import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { REQUEST_ID_BAGGAGE } from '@gt-vision/backend-logging';
import { RequestIdSpanProcessor } from './request-id.processor';

describe('RequestIdSpanProcessor', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new RequestIdSpanProcessor(), new SimpleSpanProcessor({ exporter })],
  }).getTracer('spec');
  const withBaggage = (value: string) =>
    propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ [REQUEST_ID_BAGGAGE]: { value } }),
    );

  beforeEach(() => exporter.reset());

  it('names a span with the request id its parent context carries (a consumed message, a called service)', () => {
    tracer.startSpan('process detections', {}, withBaggage('edge-7')).end();
    expect(exporter.getFinishedSpans()[0].attributes[REQUEST_ID_BAGGAGE]).toBe('edge-7');
  });

  it('leaves spans alone that no request caused, or whose id could forge log lines', () => {
    tracer.startSpan('poll', {}, context.active()).end();
    tracer.startSpan('bad', {}, withBaggage('a\nb')).end();
    expect(exporter.getFinishedSpans().map((s) => s.attributes[REQUEST_ID_BAGGAGE])).toEqual([
      undefined,
      undefined,
    ]);
  });
});
