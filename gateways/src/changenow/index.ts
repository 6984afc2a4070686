// ChangeNOW API v2: the PayoutExchange client, currency mapping, exact amounts, and a simulator.
export * from './currency-map.ts';
export * from './amounts.ts';
export * from './client/index.ts';
export * from './sandbox/index.ts';
