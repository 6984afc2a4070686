export * from './runner/index.ts';
