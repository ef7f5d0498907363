export * from './lib/audit.chain';
export * from './lib/audit.config';
export * from './lib/audit.context';
export * from './lib/audit.log';
export * from './lib/audit.module';
export * from './lib/audit.table';
export * from './lib/audited';
export * from './lib/auditor';
