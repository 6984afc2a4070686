// The EventStore port's adapters. The contract suite (test-only, imports vitest) lives in
// ./contract/index.ts and is deliberately not re-exported here, so production code never loads it.
export * from './postgres/index.ts';
export * from './kurrent/index.ts';
