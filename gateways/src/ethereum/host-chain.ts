import type { HostChain, SignedTransfer } from '@paygate/domain';
import { PayGateError } from '@paygate/domain';
import { computeAddress, hexlify, randomBytes, Transaction } from 'ethers';
import { broadcastOutcome } from './broadcast-outcome.ts';
import { decodeBalance, encodeBalanceOf, encodeTransfer } from './erc20.ts';
import { bumpFees, withGasMargin, type Eip1559Fees } from './fee-bump.ts';
import { currentFees } from './fee-data.ts';
import { createJsonRpc, nodeErrorOf } from './json-rpc.ts';
import { parsePrivateKey } from './private-key.ts';
import { numberOf, quantityOf } from './rpc-values.ts';
import { transferStatus } from './transfer-status.ts';
import { checkedAddress, tokenTable, type TokenConfig } from './token-table.ts';

export type EthereumHostChainOptions = {
  readonly rpcUrl: string;
  /** 32 bytes of hex, `0x` optional. Kept inside; nothing returned or thrown carries it. */
  readonly privateKey: string;
  /** The payout network this chain is, e.g. `ethereum`. */
  readonly network: string;
  /** ERC-20 tokens by money-registry code (USDTERC20 → contract). */
  readonly tokens: Readonly<Record<string, TokenConfig>>;
  /** The native coin's registry code; ETH unless the chain is another EVM network. */
  readonly nativeCurrency?: string;
  /** Expected chain id; when set, a node on another chain is refused before anything is signed. */
  readonly chainId?: number;
  readonly rpcTimeoutMs: number;
};

const NATIVE_TRANSFER_GAS = 21_000n;
// Used for maxTransferCost when a token transfer cannot be estimated (the wallet holds none of it):
// above what a plain ERC-20 transfer costs (USDT to a fresh holder is about 63k).
const TOKEN_TRANSFER_GAS_FALLBACK = 100_000n;
const REVERTED = 3;

/** The host wallet on one EVM chain: signs offline, broadcasts stored bytes, reads state reorg-safely. */
export const createEthereumHostChain = (options: EthereumHostChainOptions): HostChain => {
  const key = parsePrivateKey(options.privateKey);
  const address = computeAddress(key.publicKey);
  const native = options.nativeCurrency ?? 'ETH';
  const tokens = tokenTable(options.tokens, native);
  const rpc = createJsonRpc({ url: options.rpcUrl, timeoutMs: options.rpcTimeoutMs });

  const tokenOf = (currency: string) => {
    if (currency === native) return undefined;
    const token = tokens.get(currency);
    if (token === undefined) throw new PayGateError('validation', `The ${options.network} host wallet does not send ${currency}.`, { currency });
    return token;
  };

  let chainId: Promise<bigint> | undefined;
  const nodeChainId = (): Promise<bigint> => {
    chainId ??= rpc.call('eth_chainId').then((value) => {
      const actual = quantityOf(value, 'chain id');
      if (options.chainId !== undefined && actual !== BigInt(options.chainId)) {
        throw new PayGateError('validation', `The ${options.network} RPC node is on chain ${actual}, not the configured ${options.chainId}.`);
      }
      return actual;
    });
    // A failed lookup is asked again next time rather than remembered.
    chainId.catch(() => (chainId = undefined));
    return chainId;
  };

  /** Gas for a call with a 20% margin; a call that would revert is refused rather than paid for. */
  const estimateGas = async (call: { to: string; data: string }): Promise<bigint> => {
    try {
      // Against the latest block, not the pending one (anvil's default): a pending same-nonce
      // candidate would already have warmed the recipient's balance and the estimate would fall short.
      const estimate = await rpc.call('eth_estimateGas', [{ from: address, ...call, value: '0x0' }, 'latest']);
      return withGasMargin(quantityOf(estimate, 'gas estimate'));
    } catch (error) {
      const refusal = nodeErrorOf(error);
      if (refusal !== undefined && (refusal.code === REVERTED || /revert/i.test(refusal.message))) {
        throw new PayGateError('validation', `The ${options.network} token transfer would revert (is the host wallet's token balance enough?).`, {
          node: refusal.message,
        });
      }
      throw error;
    }
  };

  /** The fees and gas limit of the transaction a replacement outbids. */
  const previousOf = (raw: string, nonce: number): Eip1559Fees & { gasLimit: bigint } => {
    let previous: Transaction;
    try {
      previous = Transaction.from(raw);
    } catch {
      throw new PayGateError('validation', 'bumpOver is not a signed transaction.');
    }
    if (previous.from !== address || previous.nonce !== nonce || previous.maxFeePerGas === null || previous.maxPriorityFeePerGas === null) {
      throw new PayGateError('validation', 'bumpOver must be an EIP-1559 transaction of this wallet at the same nonce.');
    }
    return { maxFeePerGas: previous.maxFeePerGas, maxPriorityFeePerGas: previous.maxPriorityFeePerGas, gasLimit: previous.gasLimit };
  };

  const signTransfer: HostChain['signTransfer'] = async ({ currency, to, amount, nonce, bumpOver }): Promise<SignedTransfer> => {
    const token = tokenOf(currency);
    const recipient = checkedAddress(to, 'recipient');
    if (amount <= 0n) throw new PayGateError('validation', 'A transfer amount must be positive.');
    if (!Number.isSafeInteger(nonce) || nonce < 0) throw new PayGateError('validation', 'A nonce must be a whole number ≥ 0.');
    const previous = bumpOver === undefined ? undefined : previousOf(bumpOver, nonce);
    const call =
      token === undefined ? { to: recipient, value: amount, data: '0x' } : { to: token.address, value: 0n, data: encodeTransfer(recipient, amount) };
    const [id, today, gasLimit] = await Promise.all([
      nodeChainId(),
      currentFees(rpc),
      token === undefined ? NATIVE_TRANSFER_GAS : estimateGas({ to: call.to, data: call.data }),
    ]);
    const fees = previous === undefined ? today : bumpFees(today, previous);
    // A replacement never gets less gas than the candidate it replaces.
    const gas = previous !== undefined && previous.gasLimit > gasLimit ? previous.gasLimit : gasLimit;
    const tx = Transaction.from({ type: 2, chainId: id, nonce, gasLimit: gas, ...fees, ...call });
    tx.signature = key.sign(tx.unsignedHash);
    return { rawTransaction: tx.serialized, hash: (tx.hash ?? '').toLowerCase() };
  };

  const broadcast = async (rawTransaction: string): Promise<void> => {
    try {
      Transaction.from(rawTransaction);
    } catch {
      throw new PayGateError('validation', 'broadcast needs a signed raw transaction.');
    }
    try {
      await rpc.call('eth_sendRawTransaction', [rawTransaction]);
    } catch (error) {
      const refusal = nodeErrorOf(error);
      if (refusal === undefined) throw error;
      const outcome = broadcastOutcome(refusal);
      if (outcome === 'in') return;
      if (outcome === 'refused') throw new PayGateError('validation', `The ${options.network} node refused the transaction: ${refusal.message}`, { node: refusal.message });
      throw error;
    }
  };

  const balanceOf = async (currency: string): Promise<bigint> => {
    const token = tokenOf(currency);
    if (token === undefined) return quantityOf(await rpc.call('eth_getBalance', [address, 'latest']), 'balance');
    return decodeBalance(await rpc.call('eth_call', [{ to: token.address, data: encodeBalanceOf(address) }, 'latest']));
  };

  const maxTransferCost = async (currency: string): Promise<bigint> => {
    const token = tokenOf(currency);
    // A transfer of one unit to a never-used address: the recipient's storage slot goes 0 → set,
    // the most expensive case of a plain transfer.
    const gasLimit =
      token === undefined
        ? NATIVE_TRANSFER_GAS
        : estimateGas({ to: token.address, data: encodeTransfer(hexlify(randomBytes(20)), 1n) }).catch((error: unknown) => {
            if (error instanceof PayGateError && error.kind === 'validation') return TOKEN_TRANSFER_GAS_FALLBACK;
            throw error;
          });
    const [fees, gas] = await Promise.all([currentFees(rpc), gasLimit]);
    return gas * fees.maxFeePerGas;
  };

  return {
    network: options.network,
    address,
    currencies: [native, ...tokens.keys()],
    pendingNonce: async () => numberOf(await rpc.call('eth_getTransactionCount', [address, 'pending']), 'nonce'),
    balanceOf,
    maxTransferCost,
    signTransfer,
    broadcast,
    transferStatus: (hashes, confirmations) => transferStatus(rpc, hashes, confirmations),
  };
};
