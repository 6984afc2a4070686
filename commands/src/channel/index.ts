// Owner commands on a channel and its tiers (stream `channel-<channelId>`).
export * from './load-channel.ts';
export * from './channel-commands.ts';
