// The subscription lifecycle wired together (access manager, notifier, join handlers, expiry sweep).
export * from './lifecycle-flow.ts';
