// Per-user limits on actions that cost money or API calls, and the cap on invoices for all users.
export * from './rate-limiter.ts';
export * from './invoice-cap.ts';
