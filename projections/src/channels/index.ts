// Read model: channels and their tiers.
export * from './channels-tables.ts';
export * from './channels-projection.ts';
export * from './channel-view.ts';
export * from './channel-queries.ts';
export * from './channel-summaries.ts';
