export * from './relay/index.ts';
