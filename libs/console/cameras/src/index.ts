export * from './lib/camera.routes';
