export { createNatsBroker, type NatsBrokerOptions } from './nats-broker.ts';
