import { PayGateError } from '../errors/index.ts';
import type { Money } from '../money/index.ts';

export const MAX_FEE_BPS = 10_000;

export type FeeSplit = { readonly fee: Money; readonly ownerShare: Money };

/**
 * The platform fee and the owner's share of `gross`, exactly: fee = floor(gross × feeBps / 10000)
 * in minor units, ownerShare = gross − fee. Rounding always favours the owner (the fee is never
 * rounded up), and gross = fee + ownerShare to the last unit. 1 bps = 0.01 %.
 */
export const splitFee = (gross: Money, feeBps: number): FeeSplit => {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_FEE_BPS) {
    throw new PayGateError('validation', `feeBps must be an integer from 0 to ${MAX_FEE_BPS}`, { feeBps });
  }
  if (gross.amount < 0n) throw new PayGateError('validation', 'cannot split a negative amount');
  const fee = (gross.amount * BigInt(feeBps)) / BigInt(MAX_FEE_BPS); // non-negative: bigint division is floor
  return { fee: { ...gross, amount: fee }, ownerShare: { ...gross, amount: gross.amount - fee } };
};
