// Expiry: the timer-driven sweep (reminders, removal at end + grace, come-back notices) over an indexed source.
export * from './expiry-source.ts';
export * from './expiry-sweep.ts';
export * from './expiry-timer.ts';
