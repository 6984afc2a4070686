// Read model: broadcasts (schedules, opt-outs, linked public channels) and the scheduler's and bot's queries.
export * from './broadcasts-tables.ts';
export * from './broadcasts-projection.ts';
export * from './broadcast-queries.ts';
