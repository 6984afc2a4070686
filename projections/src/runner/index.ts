export * from './projection.ts';
export * from './checkpoints.ts';
export * from './next-batch.ts';
export * from './projection-runner.ts';
export * from './rebuild.ts';
export * from './prepare-projection.ts';
