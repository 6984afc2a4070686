export { createInProcessBroker, type InProcessBrokerOptions } from './in-process-broker.ts';
