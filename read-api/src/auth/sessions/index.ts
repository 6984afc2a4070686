// Dashboard sessions as the read API sees them: the port to the session commands, role policy, revocation check.
export * from './session-port.ts';
export * from './session-check.ts';
export * from './refresh-once.ts';
