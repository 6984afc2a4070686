// Split: the platform fee and the owner's share of a received payment (stream `split-<paymentId>`).
export * from './split-fee.ts';
export * from './split-events.ts';
export * from './split-decider.ts';
