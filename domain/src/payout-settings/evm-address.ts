import { PayGateError } from '../errors/index.ts';
import { keccak256, toHex } from './keccak.ts';

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The EIP-55 form of a 20-byte address: hex digit i is upper-cased when nibble i of
 * keccak256(lower-case hex, as ASCII) is 8 or more.
 */
export const toChecksumAddress = (address: string): string => {
  if (!HEX_ADDRESS.test(address)) throw new PayGateError('validation', 'an EVM address is 0x followed by 40 hex digits');
  const lower = address.slice(2).toLowerCase();
  const hash = toHex(keccak256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const char = lower[i] ?? '';
    out += Number.parseInt(hash[i] ?? '0', 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
};

export const isChecksumAddress = (address: string): boolean => HEX_ADDRESS.test(address) && toChecksumAddress(address) === address;

/**
 * Payouts go to this address, so it must be exactly its EIP-55 form: a single mistyped
 * character fails the checksum with probability ~1-2^-15. An all-lower-case address carries no
 * checksum, so a typo in it could not be caught: it is refused too (unless its EIP-55 form
 * happens to be all lower-case), and the owner pastes the address as the wallet shows it.
 */
export const assertPayoutAddress = (address: string): string => {
  const trimmed = address.trim();
  if (!HEX_ADDRESS.test(trimmed)) {
    throw new PayGateError('validation', 'address must be 0x followed by 40 hex digits', { field: 'address' });
  }
  if (/^0x0{40}$/.test(trimmed)) throw new PayGateError('validation', 'address must not be the zero address', { field: 'address' });
  if (toChecksumAddress(trimmed) !== trimmed) {
    throw new PayGateError('validation', 'address fails its EIP-55 checksum: paste it exactly as your wallet shows it (mixed case)', {
      field: 'address',
    });
  }
  return trimmed;
};
