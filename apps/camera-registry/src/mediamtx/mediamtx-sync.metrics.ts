import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const RECONCILE_ERRORS_METRIC = 'gtv_mediamtx_reconcile_errors_total';
export const RECONCILE_LAST_SUCCESS_METRIC =
  'gtv_mediamtx_reconcile_last_success_timestamp_seconds';
export const STATUS_POLL_ERRORS_METRIC = 'gtv_mediamtx_status_poll_errors_total';

/** Alert on `increase(...) > 0` together with a stale last-success timestamp. */
export const mediaMtxSyncMetrics = [
  makeCounterProvider({
    name: RECONCILE_ERRORS_METRIC,
    help: 'MediaMTX path reconcile failures: whole runs (API or database down) and single path writes.',
  }),
  makeGaugeProvider({
    name: RECONCILE_LAST_SUCCESS_METRIC,
    help: 'Unix time of the last reconcile that left MediaMTX paths equal to the cameras in the registry.',
  }),
  makeCounterProvider({
    name: STATUS_POLL_ERRORS_METRIC,
    help: 'Polls of MediaMTX path readiness that failed; camera statuses are left as they were meanwhile.',
  }),
];
