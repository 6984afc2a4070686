import type { TransferStatus } from '@paygate/domain';
import { PayGateError } from '@paygate/domain';
import type { JsonRpc } from './json-rpc.ts';
import { hashOf, nodeHashOf, numberOf, quantityOf, toQuantity } from './rpc-values.ts';

type RawReceipt = { blockNumber?: unknown; blockHash?: unknown; status?: unknown; gasUsed?: unknown };

type MinedCandidate = { hash: string; blockNumber: number; succeeded: boolean; gasUsed: bigint };

/**
 * The candidate's receipt if its block is still canonical. A receipt alone is not trusted: a node
 * behind a load balancer, or one that has not re-indexed after a reorg, can serve a receipt from a
 * block that is no longer on the chain, so the canonical block at that height must have the same hash.
 */
const canonicalReceipt = async (rpc: JsonRpc, hash: string): Promise<MinedCandidate | undefined> => {
  const receipt = await rpc.call<RawReceipt | null>('eth_getTransactionReceipt', [hash]);
  if (receipt === null || receipt.blockNumber === undefined || receipt.blockNumber === null) return undefined;
  const blockNumber = numberOf(receipt.blockNumber, 'receipt block number');
  const block = await rpc.call<{ hash?: unknown } | null>('eth_getBlockByNumber', [toQuantity(blockNumber), false]);
  const canonicalHash = nodeHashOf(block?.hash);
  if (canonicalHash === undefined || canonicalHash !== nodeHashOf(receipt.blockHash)) return undefined;
  return {
    hash,
    blockNumber,
    succeeded: quantityOf(receipt.status, 'receipt status') === 1n,
    gasUsed: quantityOf(receipt.gasUsed, 'receipt gas used'),
  };
};

/**
 * Which of the same-nonce candidates is mined on the canonical chain, and how deep (the mined block
 * counts as one confirmation). Candidates share a nonce, so at most one can be canonical.
 */
export const transferStatus = async (rpc: JsonRpc, hashes: readonly string[], confirmations: number): Promise<TransferStatus> => {
  if (!Number.isSafeInteger(confirmations) || confirmations < 1) {
    throw new PayGateError('validation', 'confirmations must be a whole number of at least 1.');
  }
  const candidates = [...new Set(hashes.map(hashOf))];
  for (const hash of candidates) {
    const mined = await canonicalReceipt(rpc, hash);
    if (mined === undefined) continue;
    if (!mined.succeeded) return { state: 'reverted', hash, blockNumber: mined.blockNumber };
    // The head is read after the receipt, so it is at least the receipt's block.
    const head = numberOf(await rpc.call('eth_blockNumber'), 'block number');
    const depth = Math.max(head, mined.blockNumber) - mined.blockNumber + 1;
    return depth >= confirmations
      ? { state: 'confirmed', hash, blockNumber: mined.blockNumber, gasUsed: mined.gasUsed }
      : { state: 'mined', hash, blockNumber: mined.blockNumber, confirmations: depth };
  }
  for (const hash of candidates) {
    if ((await rpc.call<unknown>('eth_getTransactionByHash', [hash])) !== null) return { state: 'pending' };
  }
  return { state: 'unknown' };
};
