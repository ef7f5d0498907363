export * from './lib/plate-schedule';
export * from './lib/scene-filter';
export * from './lib/render-stills';
