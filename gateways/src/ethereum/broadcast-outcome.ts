import type { NodeError } from './json-rpc.ts';

/**
 * What a node's refusal of `eth_sendRawTransaction` means for a payout that re-sends the exact
 * bytes it stored (crash recovery, retries) and replaces stuck transactions at the same nonce:
 *
 * - `in`: the transaction, or another one at its nonce, is already in the pool or mined, so there is
 *   nothing to send. "already known" (geth), "known transaction" (older geth, Parity), "transaction
 *   already imported" (anvil, Parity): the same bytes are in the pool. "nonce too low" (geth, anvil):
 *   the nonce is spent, by this transaction or a same-nonce candidate. "replacement transaction
 *   underpriced" (geth): a same-nonce candidate with higher fees is pooled (an older candidate re-sent
 *   after its bump). transferStatus tells which candidate, if any, is mined.
 * - `refused`: the node will never take these bytes: re-sign instead (`validation`).
 * - `retry`: anything else, maybe transient (`unavailable`).
 */
export type BroadcastOutcome = 'in' | 'refused' | 'retry';

const ALREADY_IN = [/already known/i, /known transaction/i, /already imported/i, /nonce too low/i, /replacement transaction underpriced/i];
const REFUSED = [/insufficient funds/i, /intrinsic gas too low/i, /exceeds block gas limit/i, /invalid sender/i, /invalid chain ?id/i, /less than block base fee/i];

export const broadcastOutcome = ({ message }: NodeError): BroadcastOutcome => {
  if (ALREADY_IN.some((pattern) => pattern.test(message))) return 'in';
  if (REFUSED.some((pattern) => pattern.test(message))) return 'refused';
  return 'retry';
};
