/**
 * Where the simulated ChangeNOW meets money that really moves: the payin addresses it watches and
 * the payouts it sends. An implementation on a local chain lives with that chain's sandbox; tests
 * may use an in-memory ledger. Currencies are money-registry codes (ETH, USDTERC20, …), amounts
 * the currency's smallest units.
 */
import { randomBytes } from 'node:crypto';

export type SimulatedSettlement = {
  /** Units of `currency` received at the payin `address` so far. */
  depositAt(address: string, currency: string): Promise<bigint>;
  /** Sends `amount` units of `currency` to `to`; resolves to the transaction hash. */
  pay(currency: string, to: string, amount: bigint): Promise<string>;
};

/** A fresh random EVM address (lower-case hex): ChangeNOW generates one payin address per exchange. */
export const randomEvmAddress = (): string => `0x${randomBytes(20).toString('hex')}`;
