export interface HealthCheckStatus {
  status: 'up' | 'down';
  [key: string]: unknown;
}

/** Body of `/health/live` and `/health/ready` (the shape @nestjs/terminus produces). */
export interface HealthResponse {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Partial<Record<string, HealthCheckStatus>>;
  error?: Partial<Record<string, HealthCheckStatus>>;
  details?: Partial<Record<string, HealthCheckStatus>>;
}
