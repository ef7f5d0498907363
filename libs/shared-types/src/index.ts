export * from './lib/auth';
export * from './lib/error-response';
export * from './lib/health';
export * from './lib/messaging';
export * from './lib/services';
