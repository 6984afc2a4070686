export * from './consumer-settings.ts';
export * from './settle.ts';
export * from './logger.ts';
export * from './headers.ts';
