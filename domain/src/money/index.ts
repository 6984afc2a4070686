// Money: exact bigint minor units with currency and decimals; parsing, formatting, JSON.
export * from './currencies.ts';
export * from './money.ts';
export * from './decimal.ts';
export * from './parse-money.ts';
export * from './money-json.ts';
