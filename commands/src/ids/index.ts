export * from './deterministic-id.ts';
