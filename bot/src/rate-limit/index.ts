// Per-user limits on actions that cost money or API calls.
export * from './rate-limiter.ts';
