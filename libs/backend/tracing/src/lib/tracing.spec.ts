import { context, trace } from '@opentelemetry/api';
import { startTracing } from './tracing';

describe('startTracing', () => {
  it('gives spans real trace ids (for log correlation) even with no exporter configured', () => {
    startTracing('test-service');
    const tracer = trace.getTracer('spec');
    tracer.startActiveSpan('work', (span) => {
      const active = trace.getSpan(context.active())?.spanContext();
      expect(active?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(active?.traceId).not.toBe('00000000000000000000000000000000');
      span.end();
    });
  });
});
