export * from './lib/propagation';
export * from './lib/tracing';
export * from './lib/tracing.config';
