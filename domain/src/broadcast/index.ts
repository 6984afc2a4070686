// Broadcasts: owner messages to the linked public channel or the channel's subscribers (streams
// `broadcasts-<channelId>`, `broadcast-delivery-<broadcastId>-<occurrenceKey>`, `broadcast-optout-<channelId>-<subscriberId>`).
export * from './broadcast-schedule.ts';
export * from './broadcast-html.ts';
export * from './broadcast-events.ts';
export * from './broadcast-commands.ts';
export * from './broadcast-state.ts';
export * from './broadcast-decider.ts';
export * from './delivery-events.ts';
export * from './delivery-commands.ts';
export * from './delivery-state.ts';
export * from './delivery-decider.ts';
export * from './optout-events.ts';
export * from './optout-decider.ts';
