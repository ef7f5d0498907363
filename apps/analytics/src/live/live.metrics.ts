import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const LIVE_CLIENTS_METRIC = 'gtv_live_clients';
export const LIVE_DROPPED_METRIC = 'gtv_live_clients_dropped_total';
export const LIVE_SENT_METRIC = 'gtv_live_messages_sent_total';

export const liveMetrics = [
  makeGaugeProvider({
    name: LIVE_CLIENTS_METRIC,
    help: 'Authenticated /ws/live/ connections on this replica.',
  }),
  makeCounterProvider({
    name: LIVE_DROPPED_METRIC,
    help: '/ws/live/ connections closed by the server, by reason (too-slow, unauthorized, bad-message).',
    labelNames: ['reason'],
  }),
  makeCounterProvider({
    name: LIVE_SENT_METRIC,
    help: 'Messages sent to /ws/live/ clients, by type.',
    labelNames: ['type'],
  }),
];
