export * from './paygate-error.ts';
