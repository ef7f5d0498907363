import { DynamicModule, Module } from '@nestjs/common';
import { outboxMetrics } from './outbox.metrics';
import { OUTBOX_OPTIONS, type OutboxOptions } from './outbox.options';
import { NatsOutboxPublisher, OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

/**
 * A service's transactional outbox (`<schema>.outbox`) and its relay to NATS. Needs the global
 * DatabaseModule, MetricsModule and NatsModule. One per service: its metrics are process-wide.
 */
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxOptions): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        { provide: OUTBOX_OPTIONS, useValue: options },
        OutboxRepository,
        NatsOutboxPublisher,
        OutboxRelay,
        ...outboxMetrics,
      ],
      exports: [OutboxRepository, OutboxRelay],
    };
  }
}
