import { IsOptional, IsUrl } from 'class-validator';

export class TracingConfig {
  /** OTLP/HTTP collector base URL; unset keeps traces in-process (ids still reach the logs). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
