export * from './lib/redis.client';
export * from './lib/redis.config';
export * from './lib/redis.module';
