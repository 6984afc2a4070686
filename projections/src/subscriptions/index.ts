// Read model: each subscriber's current period per channel; the expiry sweep's indexed source and the dashboard's subscriber lists.
export * from './subscriptions-tables.ts';
export * from './subscriptions-projection.ts';
export * from './subscription-queries.ts';
export * from './subscriber-view.ts';
export * from './subscriber-list.ts';
export * from './renewals-due.ts';
export * from './active-subscribers.ts';
