// Donations: amount rules, the reserved donation tier id, and a channel's donation settings (stream `donations-<channelId>`).
export * from './donation-amount.ts';
export * from './donation-events.ts';
export * from './donation-commands.ts';
export * from './donation-state.ts';
export * from './donation-decider.ts';
export * from './donor-thanks.ts';
