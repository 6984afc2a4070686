import { PayGateError } from '../errors/index.ts';

export type ConversionShare = { readonly ownerId: string; readonly amount: bigint };
export type Allocation = { readonly ownerId: string; readonly amount: bigint };

/**
 * How one micro-batched conversion is allocated back to the owners whose shares went in
 * (largest remainder, exact): each owner first gets floor(output × share / total); the units
 * left over (fewer than the number of owners) go one each to the largest fractional remainders,
 * ties to the smaller owner id. The allocations sum to `output` exactly, no unit is lost or made
 * up, and each is within one unit of the exact proportional share.
 */
export const allocateConversion = (shares: readonly ConversionShare[], output: bigint): Allocation[] => {
  if (shares.length === 0) throw new PayGateError('validation', 'a conversion needs at least one share');
  if (output < 0n) throw new PayGateError('validation', 'a conversion cannot yield a negative amount');
  if (shares.some((share) => share.amount <= 0n)) throw new PayGateError('validation', 'every share must be positive');
  if (new Set(shares.map((share) => share.ownerId)).size !== shares.length) throw new PayGateError('validation', 'one share per owner');
  const total = shares.reduce((sum, share) => sum + share.amount, 0n);
  const exact = shares.map((share) => ({ ownerId: share.ownerId, floor: (output * share.amount) / total, remainder: (output * share.amount) % total }));
  let left = output - exact.reduce((sum, part) => sum + part.floor, 0n);
  const order = [...exact].sort((a, b) => (a.remainder === b.remainder ? (a.ownerId < b.ownerId ? -1 : 1) : a.remainder > b.remainder ? -1 : 1));
  const extra = new Set<string>();
  for (const part of order) {
    if (left === 0n) break;
    extra.add(part.ownerId);
    left -= 1n;
  }
  return exact.map((part) => ({ ownerId: part.ownerId, amount: part.floor + (extra.has(part.ownerId) ? 1n : 0n) }));
};
