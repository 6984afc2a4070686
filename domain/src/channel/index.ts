// Channel: a paid Telegram channel, its owner of record, payout hold and priced tiers (stream `channel-<channelId>`).
export * from './tier-price.ts';
export * from './channel-events.ts';
export * from './channel-commands.ts';
export * from './channel-state.ts';
export * from './channel-ownership.ts';
export * from './channel-decider.ts';
