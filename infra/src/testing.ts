// Test-only entry (`@paygate/infra/testing`): contract suites import vitest, so they stay out of
// the product entry point.
export { describeBrokerContract, type BrokerContractContext } from './broker/contract/index.ts';
export { describeEventStoreContract, type EventStoreContractHarness } from './event-store/contract/index.ts';
