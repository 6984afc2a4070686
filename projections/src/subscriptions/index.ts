// Read model: each subscriber's current period per channel; the expiry sweep's indexed source.
export * from './subscriptions-tables.ts';
export * from './subscriptions-projection.ts';
export * from './subscription-queries.ts';
