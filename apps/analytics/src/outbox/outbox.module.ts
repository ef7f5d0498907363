import { Module } from '@nestjs/common';
import { outboxMetrics } from './outbox.metrics';
import { NatsOutboxPublisher, OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

/** The transactional outbox of analytics' events and its relay to NATS. Needs the global MetricsModule and NatsModule. */
@Module({
  providers: [OutboxRepository, NatsOutboxPublisher, OutboxRelay, ...outboxMetrics],
  exports: [OutboxRepository, OutboxRelay],
})
export class OutboxModule {}
