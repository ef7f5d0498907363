export * from './lib/health.module';
export * from './lib/readiness-check';
export * from './lib/shutdown.state';
