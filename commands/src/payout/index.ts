export * from './payout-streams.ts';
export * from './release-rule.ts';
export * from './balance-manager.ts';
export * from './payout-starter.ts';
export * from './payout-pipeline.ts';
export * from './payout-driver.ts';
export * from './payout-sweeper.ts';
export * from './conversions.ts';
