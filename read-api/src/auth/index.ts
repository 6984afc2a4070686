// Read API authentication: the operator key (bearer, constant-time compare, closed without a key,
// lockout); and, for the owners' dashboard, Telegram login and EdDSA access tokens.
export * from './operator-key.ts';
export * from './operator-auth.ts';
export * from './auth-lockout.ts';
export * from './telegram-login/index.ts';
export * from './tokens/index.ts';
export * from './caller/index.ts';
export * from './sessions/index.ts';
export * from './cookies/index.ts';
export * from './login/index.ts';
