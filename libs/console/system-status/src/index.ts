export * from './lib/system-status.routes';
