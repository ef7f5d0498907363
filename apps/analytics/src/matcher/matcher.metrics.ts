import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const WATCHLIST_ENTRIES_METRIC = 'gtv_watchlist_active_entries';

export const matcherMetrics = [
  makeGaugeProvider({
    name: WATCHLIST_ENTRIES_METRIC,
    help: 'Watchlist entries this replica matches detections against (not expired when loaded).',
  }),
];
