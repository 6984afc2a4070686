// How updates arrive: long polling (grammY runner) or the webhook (secret token checked).
export * from './secret-token.ts';
export * from './webhook.ts';
export * from './polling.ts';
