import { IsOptional, IsUrl } from 'class-validator';

/** Where the traces admins look at come from. */
export class TracesConfig {
  /**
   * Jaeger's query API, e.g. `http://127.0.0.1:16686`; queried server-side with fixed shapes only. Absent
   * where no trace store runs (compose, Kubernetes without one): the traces endpoints then answer 503.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  JAEGER_QUERY_URL?: string;
}
