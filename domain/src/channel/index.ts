// Channel: a paid Telegram channel and its priced tiers (stream `channel-<channelId>`).
export * from './tier-price.ts';
export * from './channel-events.ts';
export * from './channel-commands.ts';
export * from './channel-state.ts';
export * from './channel-decider.ts';
