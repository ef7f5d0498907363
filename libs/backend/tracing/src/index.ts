export * from './lib/tracing';
export * from './lib/tracing.config';
