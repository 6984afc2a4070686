import { PayGateError } from '@paygate/domain';
import { SigningKey } from 'ethers';

// secp256k1's group order: a private key is a scalar in [1, n-1].
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The host wallet's signing key from its hex form, with or without `0x`. A malformed key is a
 * `validation` error that never echoes the input (it may be a slightly wrong real key), and the
 * ethers error is not kept as a cause for the same reason.
 */
export const parsePrivateKey = (input: string): SigningKey => {
  const hex = input.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new PayGateError('validation', 'The Ethereum private key must be 32 bytes of hex (64 hex digits, 0x optional).');
  }
  const scalar = BigInt(`0x${hex}`);
  if (scalar === 0n || scalar >= CURVE_ORDER) {
    throw new PayGateError('validation', 'The Ethereum private key is outside the secp256k1 range.');
  }
  return new SigningKey(`0x${hex.toLowerCase()}`);
};
