// The owners' dashboard in the composition: token keys, sessions, login links, the auditors' payment trail.
export * from './dashboard-keys.ts';
export * from './dashboard-setup.ts';
export * from './payment-trail.ts';
export * from './demo-login.ts';
