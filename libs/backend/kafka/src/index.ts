export * from './lib/kafka.config';
export * from './lib/kafka.connection';
export * from './lib/kafka.module';
export * from './lib/durable-producer';
export * from './lib/durable-producer.config';
export * from './lib/micro-batcher';
export * from './lib/kafka.tracing';
