export { createNatsBroker, type NatsBrokerOptions } from './nats/index.ts';
export { createInProcessBroker, type InProcessBrokerOptions } from './in-process/index.ts';
export type { BrokerLogger } from './shared/index.ts';
