// Read model: dashboard logins (refresh-token families) for auditors.
export * from './sessions-tables.ts';
export * from './session-view.ts';
export * from './sessions-projection.ts';
export * from './session-queries.ts';
