export const HEALTH_CHECK_STATES = ['up', 'down'] as const;

export interface HealthCheckStatus {
  status: (typeof HEALTH_CHECK_STATES)[number];
  [key: string]: unknown;
}

export const HEALTH_STATES = ['ok', 'error', 'shutting_down'] as const;

/** Body of `/health/live` and `/health/ready` (the shape @nestjs/terminus produces). */
export interface HealthResponse {
  status: (typeof HEALTH_STATES)[number];
  info?: Partial<Record<string, HealthCheckStatus>>;
  error?: Partial<Record<string, HealthCheckStatus>>;
  details?: Partial<Record<string, HealthCheckStatus>>;
}
