// The local EVM sandbox: anvil from npm, a compiled test ERC-20, token deployment and the settlement the simulated ChangeNOW pays through.
export * from './dev-accounts.ts';
export * from './anvil-binary.ts';
export * from './anvil.ts';
export * from './compile-test-token.ts';
export * from './sandbox-wallet.ts';
export * from './deploy-sandbox-tokens.ts';
export * from './sandbox-settlement.ts';
export * from './sandbox-chain.ts';
export * from './sandbox-wallet-balances.ts';
