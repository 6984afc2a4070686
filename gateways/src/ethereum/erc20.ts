import { PayGateError } from '@paygate/domain';
import { Interface } from 'ethers';

// Only the two calls the host wallet makes; `returns (bool)` is not decoded (USDT returns nothing).
const ERC20 = new Interface([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function balanceOf(address owner) view returns (uint256)',
]);

export const encodeTransfer = (to: string, amount: bigint): string => ERC20.encodeFunctionData('transfer', [to, amount]);

export const encodeBalanceOf = (owner: string): string => ERC20.encodeFunctionData('balanceOf', [owner]);

export const decodeBalance = (data: unknown): bigint => {
  try {
    const [balance] = ERC20.decodeFunctionResult('balanceOf', typeof data === 'string' ? data : '0x');
    return balance as bigint;
  } catch {
    // An empty answer usually means no contract at the configured token address.
    throw new PayGateError('unavailable', 'The token balanceOf call answered no uint256: is the token address right for this chain?');
  }
};
