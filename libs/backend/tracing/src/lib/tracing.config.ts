import { IsIn, IsNumber, IsOptional, IsUrl, Max, Min } from 'class-validator';
import { EnvNumber } from '@gt-vision/backend-config';

/** The samplers of the OpenTelemetry specification's OTEL_TRACES_SAMPLER, under the same names. */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/** The standard OTEL_* variables the services honour, validated at start-up like the rest of their config. */
export class TracingConfig {
  /** OTLP/HTTP collector base URL; unset keeps traces in-process (ids still reach the logs). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /**
   * Parent-based by default: a request that arrives with a sampled `traceparent` (another service, a
   * test) is always recorded, so a trace is whole or absent, never cut in the middle.
   */
  @IsIn(TRACE_SAMPLERS)
  OTEL_TRACES_SAMPLER: TraceSamplerName = 'parentbased_traceidratio';

  /** The ratio of new traces recorded by the *traceidratio samplers (0 to 1). */
  @EnvNumber()
  @IsNumber()
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;
}
