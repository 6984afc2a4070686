import { PayGateError } from '@paygate/domain';
import { getAddress } from 'ethers';

/** An ERC-20 contract as configured: its address and how many decimals its smallest unit has. */
export type TokenConfig = { readonly address: string; readonly decimals: number };

/** An EIP-55 address, or a `validation` error naming what it was for (ethers rejects a bad checksum). */
export const checkedAddress = (value: string, what: string): string => {
  try {
    return getAddress(value);
  } catch {
    throw new PayGateError('validation', `The ${what} is not an Ethereum address (or its EIP-55 checksum is wrong).`, { [what]: value });
  }
};

/** The configured tokens by registry code, checked; the native coin's code may not be reused. */
export const tokenTable = (tokens: Readonly<Record<string, TokenConfig>>, native: string): ReadonlyMap<string, TokenConfig> =>
  new Map(
    Object.entries(tokens).map(([code, token]) => {
      if (code === native) throw new PayGateError('validation', `${code} is the native coin, not a token.`);
      if (!Number.isInteger(token.decimals) || token.decimals < 0 || token.decimals > 255) {
        throw new PayGateError('validation', `${code}: decimals must be a whole number from 0 to 255.`);
      }
      return [code, { address: checkedAddress(token.address, `${code} token address`), decimals: token.decimals }];
    }),
  );
