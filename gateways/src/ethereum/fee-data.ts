import { PayGateError } from '@paygate/domain';
import type { Eip1559Fees } from './fee-bump.ts';
import { nodeErrorOf, type JsonRpc } from './json-rpc.ts';
import { quantityOf } from './rpc-values.ts';

const ONE_GWEI = 1_000_000_000n;
const METHOD_NOT_FOUND = -32601;

/**
 * Today's EIP-1559 fees, by the rule of ethers' `getFeeData`: the node's suggested tip (1 gwei if
 * it has no `eth_maxPriorityFeePerGas`), and a fee cap of twice the latest base fee plus the tip, so
 * the transaction stays valid through several blocks of rising base fee.
 */
export const currentFees = async (rpc: JsonRpc): Promise<Eip1559Fees> => {
  const tip = rpc.call('eth_maxPriorityFeePerGas').then(
    (value) => quantityOf(value, 'priority fee'),
    (error: unknown) => {
      if (nodeErrorOf(error)?.code === METHOD_NOT_FOUND) return ONE_GWEI;
      throw error;
    },
  );
  const [block, maxPriorityFeePerGas] = await Promise.all([rpc.call<{ baseFeePerGas?: unknown } | null>('eth_getBlockByNumber', ['latest', false]), tip]);
  if (block?.baseFeePerGas === undefined) {
    throw new PayGateError('unavailable', 'The Ethereum node reports no base fee: the chain has no EIP-1559 (London) fees.');
  }
  const baseFee = quantityOf(block.baseFeePerGas, 'base fee');
  return { maxFeePerGas: 2n * baseFee + maxPriorityFeePerGas, maxPriorityFeePerGas };
};
