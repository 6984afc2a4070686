// Operator authentication for the read API (bearer key, constant-time compare, closed without a key).
export * from './operator-key.ts';
export * from './operator-auth.ts';
