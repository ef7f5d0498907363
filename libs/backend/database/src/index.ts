export * from './lib/database';
export * from './lib/database.config';
export * from './lib/database.module';
export * from './lib/database.readiness';
export * from './lib/sql-errors';
export * from './lib/table-version';
