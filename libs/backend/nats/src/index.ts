export * from './lib/nats.client';
export * from './lib/nats.config';
export * from './lib/nats.module';
