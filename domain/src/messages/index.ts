// Messages: every user-facing text, per locale, as pure functions (locale, params) → string.
export * from './format.ts';
export * from './catalogue.ts';
export * from './en.ts';
export * from './messages.ts';
