// Decider: the pure (command, state) → events shape every aggregate follows, plus its test helper.
export * from './decider.ts';
export * from './event-schema.ts';
export * from './common-schemas.ts';
export * from './same-data.ts';
export * from './decider-spec.ts';
