// Outgoing Bot API calls: pacing, 429 retry_after, blocked chats.
export * from './pacer.ts';
export * from './api-guard.ts';
