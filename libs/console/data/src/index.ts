export * from './lib/api-client';
export * from './lib/api-errors';
export * from './lib/auth.guard';
export * from './lib/auth.interceptor';
export * from './lib/auth.service';
export * from './lib/live.service';
export * from './lib/request-state';
export * from './lib/session.store';
