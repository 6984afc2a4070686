import { PayGateError } from '@paygate/domain';
import { getCreateAddress } from 'ethers';
import { decodeBalance, encodeBalanceOf, encodeTransfer } from '../erc20.ts';
import { createJsonRpc } from '../json-rpc.ts';
import { quantityOf } from '../rpc-values.ts';
import type { TokenConfig } from '../token-table.ts';
import { deploySandboxTokens, type SandboxTokenSpec } from './deploy-sandbox-tokens.ts';
import { ANVIL_DEV_ACCOUNTS } from './dev-accounts.ts';
import { createSandboxWallet } from './sandbox-wallet.ts';

/** The sandbox's stable coins, one per payout currency that is a token (in deployment order: their addresses follow from it). */
export const SANDBOX_TOKEN_SPECS: readonly SandboxTokenSpec[] = [
  { code: 'USDTERC20', symbol: 'USDT', decimals: 6 },
  { code: 'USDCERC20', symbol: 'USDC', decimals: 6 },
  { code: 'USDTMATIC', symbol: 'USDT', decimals: 6 },
  { code: 'USDCMATIC', symbol: 'USDC', decimals: 6 },
  { code: 'USDTBSC', symbol: 'USDT', decimals: 18 },
];

/** What the host wallet starts with, per token it holds: 1,000,000 whole tokens. */
const HOST_FUNDING_WHOLE_TOKENS = 1_000_000n;
/** Tokens NOWPayments settles into in the sandbox (the host wallet's currencies). */
const HOST_TOKENS = ['USDTERC20', 'USDCERC20'];
/** deploySandboxTokens sends two transactions per token: the deployment, then the mint. */
const TRANSACTIONS_PER_TOKEN = 2;

/** Where ensureSandboxChain deploys each sandbox token: fixed by the treasury's nonces. */
export const sandboxTokenAddresses = (): { code: string; address: string; decimals: number }[] =>
  SANDBOX_TOKEN_SPECS.map((spec, index) => ({ code: spec.code, decimals: spec.decimals, address: getCreateAddress({ from: ANVIL_DEV_ACCOUNTS[0]!.address, nonce: index * TRANSACTIONS_PER_TOKEN }) }));

export type SandboxChain = {
  tokens: Readonly<Record<string, TokenConfig>>;
  /** The host wallet (anvil's account #1): what payouts leave from. */
  hostKey: string;
  hostAddress: string;
  /** The treasury (anvil's account #0): deployed the tokens, and pays owners as the simulated exchange. */
  treasuryKey: string;
  treasuryAddress: string;
};

/**
 * Makes a local chain a PayGate sandbox, idempotently: on a fresh chain it deploys the sandbox
 * tokens from account #0 (their addresses follow from its nonces, so a chain reloaded from its
 * state, or shared by a test with PayGate processes, finds them again) and funds the host wallet
 * (account #1) with each token it holds.
 */
export const ensureSandboxChain = async (rpcUrl: string): Promise<SandboxChain> => {
  const rpc = createJsonRpc({ url: rpcUrl, timeoutMs: 10_000 });
  const [treasury, host] = [ANVIL_DEV_ACCOUNTS[0]!, ANVIL_DEV_ACCOUNTS[1]!];
  const expected = sandboxTokenAddresses().map(({ code, address, decimals }) => ({ spec: { code, decimals }, address }));
  const codes = await Promise.all(expected.map(({ address }) => rpc.call<string>('eth_getCode', [address, 'latest'])));
  let tokens: Record<string, TokenConfig>;
  if (codes.every((code) => code !== '0x')) {
    tokens = Object.fromEntries(expected.map(({ spec, address }) => [spec.code, { address, decimals: spec.decimals }]));
  } else {
    const nonce = quantityOf(await rpc.call('eth_getTransactionCount', [treasury.address, 'latest']), 'nonce');
    if (nonce !== 0n) throw new PayGateError('conflict', 'The sandbox chain has been used without the sandbox tokens: start it afresh (remove its state directory).');
    tokens = await deploySandboxTokens(rpcUrl, treasury.privateKey, SANDBOX_TOKEN_SPECS);
  }
  const treasuryWallet = createSandboxWallet(rpc, treasury.privateKey);
  for (const code of HOST_TOKENS) {
    const token = tokens[code]!;
    const held = decodeBalance(await rpc.call('eth_call', [{ to: token.address, data: encodeBalanceOf(host.address) }, 'latest']));
    if (held > 0n) continue;
    await treasuryWallet.send({ to: token.address, data: encodeTransfer(host.address, HOST_FUNDING_WHOLE_TOKENS * 10n ** BigInt(token.decimals)) });
  }
  return { tokens, hostKey: host.privateKey, hostAddress: host.address, treasuryKey: treasury.privateKey, treasuryAddress: treasury.address };
};
