export * from './lib/metrics.module';
export { HTTP_DURATION_METRIC } from './lib/http-metrics.middleware';
