export * from './lib/config.module';
export * from './lib/config.registry';
export * from './lib/env';
export * from './lib/service.config';
