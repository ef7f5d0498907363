export * from './lib/bootstrap';
export * from './lib/error-response.filter';
export * from './lib/validation';
export * from './lib/openapi';
