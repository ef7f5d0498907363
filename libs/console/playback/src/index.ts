export * from './lib/playback.routes';
