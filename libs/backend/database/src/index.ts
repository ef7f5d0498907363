export * from './lib/database';
export * from './lib/database.config';
export * from './lib/database.module';
export * from './lib/database.readiness';
