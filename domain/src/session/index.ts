// Dashboard sessions: refresh-token families (`session-<familyId>`), each owner's open families (`owner-sessions-<ownerId>`), one-time login links (`login-link-<linkId>`).
export * from './session-schemas.ts';
export * from './refresh-family-events.ts';
export * from './refresh-family-decider.ts';
export * from './owner-sessions.ts';
export * from './login-link.ts';
