export * from './lib/detection.routes';
