import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';

export const STORED_METRIC = 'gtv_detections_stored_total';
export const DUPLICATES_METRIC = 'gtv_detections_duplicates_total';
export const DEAD_LETTERED_METRIC = 'gtv_detections_dead_lettered_total';
export const BATCH_SECONDS_METRIC = 'gtv_detections_batch_seconds';
export const CONSUMER_LAG_METRIC = 'gtv_detections_consumer_lag';
export const BATCH_FAILURES_METRIC = 'gtv_detections_batch_failures_total';

export const consumerMetrics = [
  makeCounterProvider({
    name: STORED_METRIC,
    help: 'Detections inserted into PostgreSQL by the consumer.',
  }),
  makeCounterProvider({
    name: DUPLICATES_METRIC,
    help: 'Detections consumed again after they were stored (re-delivery); skipped.',
  }),
  makeCounterProvider({
    name: DEAD_LETTERED_METRIC,
    help: 'Messages sent to the dead-letter topic, by reason kind.',
    labelNames: ['reason'],
  }),
  makeCounterProvider({
    name: BATCH_FAILURES_METRIC,
    help: 'Batches that failed to store (retried by Kafka re-delivery).',
  }),
  makeHistogramProvider({
    name: BATCH_SECONDS_METRIC,
    help: 'Time to store one consumed batch: insert, hooks and commit.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeGaugeProvider({
    name: CONSUMER_LAG_METRIC,
    help: 'Messages of the detections topic not yet committed by the group, per partition.',
    labelNames: ['partition'],
  }),
];
