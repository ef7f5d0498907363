export * from './lib/alert.routes';
