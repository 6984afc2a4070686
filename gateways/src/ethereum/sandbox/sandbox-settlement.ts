import { PayGateError } from '@paygate/domain';
import { decodeBalance, encodeBalanceOf, encodeTransfer } from '../erc20.ts';
import { createJsonRpc } from '../json-rpc.ts';
import { quantityOf } from '../rpc-values.ts';
import { checkedAddress, type TokenConfig } from '../token-table.ts';
import { createSandboxWallet } from './sandbox-wallet.ts';

export type SandboxSettlementOptions = {
  readonly rpcUrl: string;
  /** The account the simulated exchange pays from (an anvil dev key holding the tokens). */
  readonly payerKey: string;
  /** Sandbox tokens by registry code (from deploySandboxTokens). */
  readonly tokens: Readonly<Record<string, TokenConfig>>;
  /** Codes paid in the chain's native coin; every network's native coin is anvil's ETH here. */
  readonly nativeCurrencies?: readonly string[];
};

/** Money moving on the local chain, in the shape the simulated ChangeNOW settles through. */
export type SandboxSettlement = {
  /** Units of `currency` held at `address`. */
  depositAt(address: string, currency: string): Promise<bigint>;
  /** Sends from the payer, waits until mined, and resolves to the transaction hash. */
  pay(currency: string, to: string, amount: bigint): Promise<string>;
};

/**
 * In the sandbox every payout network (ethereum, polygon, bsc) is the one local anvil chain:
 * USDTMATIC, USDTBSC, … are tokens deployed for those codes, and ETH and BNBBSC are its native coin.
 * Payments take the payer's nonces in order and are mined together (one payer, one nonce sequence).
 */
export const createSandboxSettlement = (options: SandboxSettlementOptions): SandboxSettlement => {
  const rpc = createJsonRpc({ url: options.rpcUrl, timeoutMs: 10_000 });
  const payer = createSandboxWallet(rpc, options.payerKey);
  const natives = new Set(options.nativeCurrencies ?? ['ETH', 'BNBBSC']);

  const tokenOf = (currency: string): TokenConfig | undefined => {
    if (natives.has(currency)) return undefined;
    const token = options.tokens[currency];
    if (token === undefined) throw new PayGateError('validation', `The sandbox chain has no ${currency}.`, { currency });
    return token;
  };

  return {
    depositAt: async (address, currency) => {
      const token = tokenOf(currency);
      const holder = checkedAddress(address, 'deposit address');
      if (token === undefined) return quantityOf(await rpc.call('eth_getBalance', [holder, 'latest']), 'balance');
      return decodeBalance(await rpc.call('eth_call', [{ to: token.address, data: encodeBalanceOf(holder) }, 'latest']));
    },
    pay: async (currency, to, amount) => {
      const token = tokenOf(currency);
      const recipient = checkedAddress(to, 'recipient');
      if (amount <= 0n) throw new PayGateError('validation', 'A sandbox payment must be positive.');
      const { hash } = await payer.sendPipelined(
        token === undefined ? { to: recipient, value: amount } : { to: token.address, data: encodeTransfer(recipient, amount) },
      );
      return hash;
    },
  };
};
