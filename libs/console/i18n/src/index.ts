export * from './lib/en';
export * from './lib/i18n.service';
export * from './lib/translate.pipe';
export * from './lib/local-time';
