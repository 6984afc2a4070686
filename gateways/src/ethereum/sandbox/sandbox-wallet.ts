import { setTimeout as sleep } from 'node:timers/promises';
import { PayGateError } from '@paygate/domain';
import { computeAddress, Transaction } from 'ethers';
import { withGasMargin } from '../fee-bump.ts';
import { currentFees } from '../fee-data.ts';
import type { JsonRpc } from '../json-rpc.ts';
import { parsePrivateKey } from '../private-key.ts';
import { quantityOf, toQuantity } from '../rpc-values.ts';

export type SandboxCall = { readonly to?: string; readonly data?: string; readonly value?: bigint };
export type SandboxReceipt = { readonly hash: string; readonly contractAddress?: string };

/** A funded sandbox account that sends a transaction and waits until it is mined. */
export type SandboxWallet = {
  readonly address: string;
  /** Sends, and waits until mined before the next send starts (a call that needs the one before it). */
  send(call: SandboxCall): Promise<SandboxReceipt>;
  /** Sends as soon as the previous send is broadcast (its own nonce), then waits until mined: independent payments in the same block. */
  sendPipelined(call: SandboxCall): Promise<SandboxReceipt>;
};

const POLL_MS = 100;

/**
 * Sends are serialized: each takes the next pending nonce only after the previous one is mined, so
 * concurrent callers never race for a nonce. Works with automine and with interval mining alike.
 */
export const createSandboxWallet = (rpc: JsonRpc, privateKey: string, receiptTimeoutMs = 60_000): SandboxWallet => {
  const key = parsePrivateKey(privateKey);
  const address = computeAddress(key.publicKey);
  let queue: Promise<unknown> = Promise.resolve();

  const waitForReceipt = async (hash: string): Promise<{ status?: unknown; contractAddress?: unknown }> => {
    const deadline = Date.now() + receiptTimeoutMs;
    for (;;) {
      const receipt = await rpc.call<{ status?: unknown; contractAddress?: unknown } | null>('eth_getTransactionReceipt', [hash]);
      if (receipt !== null) return receipt;
      if (Date.now() > deadline) throw new PayGateError('unavailable', `The sandbox transaction ${hash} was not mined within ${receiptTimeoutMs} ms.`);
      await sleep(POLL_MS);
    }
  };

  /** Signs and broadcasts; resolves to the hash once the node has it (the next nonce may go). */
  const broadcast = async ({ to, data = '0x', value = 0n }: SandboxCall): Promise<string> => {
    const request = { from: address, ...(to === undefined ? {} : { to }), data, value: toQuantity(value) };
    const [chainId, nonce, fees, gas] = await Promise.all([
      rpc.call('eth_chainId').then((id) => quantityOf(id, 'chain id')),
      rpc.call('eth_getTransactionCount', [address, 'pending']).then((count) => Number(quantityOf(count, 'nonce'))),
      currentFees(rpc),
      rpc.call('eth_estimateGas', [request, 'latest']).then((estimate) => withGasMargin(quantityOf(estimate, 'gas estimate'))),
    ]);
    const tx = Transaction.from({ type: 2, chainId, nonce, gasLimit: gas, ...fees, to: to ?? null, data, value });
    tx.signature = key.sign(tx.unsignedHash);
    const hash = (tx.hash ?? '').toLowerCase();
    await rpc.call('eth_sendRawTransaction', [tx.serialized]);
    return hash;
  };

  const mined = async (hash: string): Promise<SandboxReceipt> => {
    const receipt = await waitForReceipt(hash);
    if (quantityOf(receipt.status, 'receipt status') !== 1n) throw new PayGateError('conflict', `The sandbox transaction ${hash} reverted.`);
    const contractAddress = typeof receipt.contractAddress === 'string' ? receipt.contractAddress : undefined;
    return contractAddress === undefined ? { hash } : { hash, contractAddress };
  };

  return {
    address,
    send: (call) => {
      const sent = queue.then(async () => mined(await broadcast(call)));
      queue = sent.catch(() => undefined);
      return sent;
    },
    sendPipelined: (call) => {
      const hash = queue.then(() => broadcast(call));
      queue = hash.catch(() => undefined);
      return hash.then(mined);
    },
  };
};

