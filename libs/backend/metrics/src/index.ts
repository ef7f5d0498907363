export * from './lib/metrics.module';
export { HTTP_DURATION_METRIC, type ExpectedHttpAnswer } from './lib/http-metrics.middleware';
