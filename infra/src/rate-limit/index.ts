// Rate limits shared by every process and kept across restarts (rate-limiter-flexible over PostgreSQL).
export { createPlatformRateLimits, OPERATOR_KEY_LOCKOUT, type PlatformRateLimits, type PlatformRateLimitsDeps } from './platform-rate-limits.ts';
export { createPostgresRateLimiter, createBudgetStore, type Budget, type PostgresBudgetOptions } from './postgres-rate-limiter.ts';
export { createPostgresAuthLockout, type LockoutPolicy } from './postgres-auth-lockout.ts';
export { RATE_LIMIT_TABLE, RATE_LIMIT_MIGRATIONS, migrateRateLimitTable, rateLimitTableReady } from './rate-limit-table.ts';
