// Payout settings: where and how a channel owner is paid (stream `payout-settings-<channelId>`).
export * from './keccak.ts';
export * from './evm-address.ts';
export * from './payout-networks.ts';
export * from './payout-settings-events.ts';
export * from './payout-settings-commands.ts';
export * from './payout-settings-state.ts';
export * from './wallet-change.ts';
export * from './payout-settings-decider.ts';
export * from './effective-payout-settings.ts';
