export * from './paygate-error.ts';
export * from './anticipated.ts';
