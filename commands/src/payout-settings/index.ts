// Payout settings commands: the owner's wallet and payout strategy (stream `payout-settings-<channelId>`).
export * from './payout-settings-commands.ts';
