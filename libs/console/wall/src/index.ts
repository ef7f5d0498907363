export * from './lib/wall.routes';
