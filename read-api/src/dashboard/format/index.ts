// Text the pages show: exact money, UTC times, links.
export * from './money-text.ts';
export * from './time-text.ts';
export * from './links.ts';
