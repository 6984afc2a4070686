// Subscription: access grants, periods, joins, reminders and expiry per subscriber per channel
// (stream `subscription-<channelId>-<subscriberId>`).
export * from './subscription-time.ts';
export * from './invite-link-name.ts';
export * from './subscription-events.ts';
export * from './subscription-commands.ts';
export * from './subscription-state.ts';
export * from './access-decisions.ts';
export * from './expiry-decisions.ts';
export * from './refund-decisions.ts';
export * from './subscription-status.ts';
export * from './subscription-decider.ts';
