// Ethereum (and any EVM chain): the host wallet implementing the domain's HostChain, and a local anvil sandbox.
export * from './fee-bump.ts';
export * from './private-key.ts';
export * from './token-table.ts';
export * from './host-chain.ts';
export * from './sandbox/index.ts';
