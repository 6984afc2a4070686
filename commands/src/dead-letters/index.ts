export * from './dead-letter-actions.ts';
