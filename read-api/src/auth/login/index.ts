// Dashboard login: widget or one-time link → session events → access + refresh tokens.
export * from './dashboard-login.ts';
