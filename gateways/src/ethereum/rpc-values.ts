import { PayGateError } from '@paygate/domain';

/** JSON-RPC hex quantities ↔ exact integers; a malformed answer is the node's fault (`unavailable`). */
export const quantityOf = (value: unknown, what: string): bigint => {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) {
    throw new PayGateError('unavailable', `The Ethereum node answered a malformed ${what}.`);
  }
  return BigInt(value);
};

/** A block number or other small quantity as a JS number (safe: block heights are far below 2^53). */
export const numberOf = (value: unknown, what: string): number => Number(quantityOf(value, what));

export const toQuantity = (value: bigint | number): string => `0x${value.toString(16)}`;

/** A 32-byte hash from a caller, lower-cased; anything else is a `validation` error. */
export const hashOf = (value: string): string => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new PayGateError('validation', 'A transaction hash must be 0x and 64 hex digits.');
  return value.toLowerCase();
};

/** A 32-byte hash from the node, lower-cased, or undefined when missing or malformed. */
export const nodeHashOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : undefined;
