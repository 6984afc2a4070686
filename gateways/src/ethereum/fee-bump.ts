/**
 * Fee arithmetic, exact in wei. A replacement (same nonce) must outbid the transaction it replaces:
 * geth asks for +10% (`--txpool.pricebump`), OpenEthereum for +12.5%, so both EIP-1559 fee fields
 * are raised by at least 12.5% (rounded up) and at least 1 wei, and never below today's fees.
 */
export type Eip1559Fees = { readonly maxFeePerGas: bigint; readonly maxPriorityFeePerGas: bigint };

/** ⌈previous × 1.125⌉, and always at least previous + 1. */
export const bumpedFee = (previous: bigint): bigint => {
  const bumped = (previous * 9n + 7n) / 8n;
  return bumped > previous ? bumped : previous + 1n;
};

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The fees for a replacement of `previous`: each field the larger of today's and the bumped one. */
export const bumpFees = (current: Eip1559Fees, previous: Eip1559Fees): Eip1559Fees => ({
  maxFeePerGas: max(current.maxFeePerGas, bumpedFee(previous.maxFeePerGas)),
  maxPriorityFeePerGas: max(current.maxPriorityFeePerGas, bumpedFee(previous.maxPriorityFeePerGas)),
});

/** An estimated gas limit with a 20% margin (rounded up): state can change between estimate and mining. */
export const withGasMargin = (estimate: bigint): bigint => (estimate * 6n + 4n) / 5n;
