import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const ALERTS_RAISED_METRIC = 'gtv_alerts_raised_total';

export const alertsMetrics = [
  makeCounterProvider({
    name: ALERTS_RAISED_METRIC,
    help: 'Alerts raised (a detection matching a watchlist entry), stored once per detection × entry.',
    labelNames: ['severity'],
  }),
];
