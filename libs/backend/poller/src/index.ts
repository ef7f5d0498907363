export * from './lib/poller';
