export * from './lib/kafka.config';
export * from './lib/kafka.connection';
export * from './lib/kafka.module';
