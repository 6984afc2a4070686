// Payouts: the owner's share reaches the owner's wallet (stream `payout-<payoutId>`).
export * from './payout-events.ts';
export * from './payout-commands.ts';
export * from './payout-state.ts';
export * from './payout-decider.ts';
export * from './allocate-conversion.ts';
export * from './hot-wallet.ts';
export * from './next-payout-step.ts';
export * from './payout-accumulation.ts';
export * from './payout-release.ts';
export * from './payout-ports.ts';
export * from './conversion-pool.ts';
