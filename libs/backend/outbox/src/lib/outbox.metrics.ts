import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const OUTBOX_PENDING_METRIC = 'gtv_outbox_pending_messages';
export const OUTBOX_OLDEST_AGE_METRIC = 'gtv_outbox_oldest_message_age_seconds';
export const OUTBOX_PUBLISHED_METRIC = 'gtv_outbox_published_total';
export const OUTBOX_PUBLISH_ERRORS_METRIC = 'gtv_outbox_publish_errors_total';

/** Alert on an oldest age of more than a few seconds: events are stuck (NATS down, relay failing). */
export const outboxMetrics = [
  makeGaugeProvider({
    name: OUTBOX_PENDING_METRIC,
    help: 'Events stored in the outbox and not yet published to NATS.',
  }),
  makeGaugeProvider({
    name: OUTBOX_OLDEST_AGE_METRIC,
    help: 'Age of the oldest unpublished event in the outbox; 0 when it is empty.',
  }),
  makeCounterProvider({
    name: OUTBOX_PUBLISHED_METRIC,
    help: 'Events published to NATS from the outbox (a redelivery counts again).',
  }),
  makeCounterProvider({
    name: OUTBOX_PUBLISH_ERRORS_METRIC,
    help: 'Outbox relay runs that could not publish (NATS unreachable or the database failing).',
  }),
];
