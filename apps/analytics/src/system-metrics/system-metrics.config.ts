import { IsUrl } from 'class-validator';

/** Where the system charts come from. */
export class SystemMetricsConfig {
  /** Prometheus' HTTP API, e.g. `http://127.0.0.1:9090`; queried server-side with fixed queries only. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PROMETHEUS_URL!: string;
}
