export * from './lib/redis-rate-limit';
export * from './lib/too-many-requests.exception';
