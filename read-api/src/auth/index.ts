// Operator authentication for the read API (bearer key, constant-time compare, closed without a key, lockout).
export * from './operator-key.ts';
export * from './operator-auth.ts';
export * from './auth-lockout.ts';
