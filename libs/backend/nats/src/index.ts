export * from './lib/nats-api-key.verifier';
export * from './lib/nats.client';
export * from './lib/nats.config';
export * from './lib/nats.module';
export * from './lib/nats.request';
export * from './lib/nats.server';
export * from './lib/nats.tracing';
export * from './lib/camera-access.sync';
