// Test-only entry point (imports vitest): keep it out of the runtime barrel.
export { describeEventStoreContract, type EventStoreContractHarness } from './event-store-contract.ts';
