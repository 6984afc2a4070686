export * from './relay.ts';
export * from './leader-lock.ts';
export * from './relay-checkpoint.ts';
