export * from './payout-gateways.ts';
export * from './payout-flow.ts';
export { MAINNET_TOKENS } from './live-payout-gateways.ts';
