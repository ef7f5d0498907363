export * from './lib/mediamtx.client';
export * from './lib/mediamtx.config';
export * from './lib/mediamtx.module';
