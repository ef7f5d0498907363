export * from './lib/outbox.metrics';
export * from './lib/outbox.module';
export * from './lib/outbox.options';
export * from './lib/outbox.relay';
export * from './lib/outbox.repository';
export * from './lib/outbox.table';
