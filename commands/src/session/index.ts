// Dashboard sessions: login, refresh-token rotation with reuse detection, logout (everywhere), one-time bot login links.
export * from './session-service.ts';
export { issueToken, readToken, tokenHash } from './session-token.ts';
