export * from './process-manager.ts';
