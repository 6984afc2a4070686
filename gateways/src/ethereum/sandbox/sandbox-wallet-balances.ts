import { decodeBalance, encodeBalanceOf } from '../erc20.ts';
import { createJsonRpc } from '../json-rpc.ts';
import { quantityOf } from '../rpc-values.ts';
import { checkedAddress } from '../token-table.ts';
import { sandboxTokenAddresses } from './sandbox-chain.ts';

/** What an address holds on the sandbox chain: ETH and every sandbox token, in smallest units. */
export const sandboxWalletBalances = async (rpcUrl: string, address: string): Promise<{ currency: string; decimals: number; units: bigint }[]> => {
  const owner = checkedAddress(address, 'address');
  const rpc = createJsonRpc({ url: rpcUrl, timeoutMs: 10_000 });
  const eth = quantityOf(await rpc.call('eth_getBalance', [owner, 'latest']), 'balance');
  const tokens = await Promise.all(
    sandboxTokenAddresses().map(async ({ code, address: token, decimals }) => ({
      currency: code,
      decimals,
      units: decodeBalance(await rpc.call('eth_call', [{ to: token, data: encodeBalanceOf(owner) }, 'latest'])),
    })),
  );
  return [{ currency: 'ETH', decimals: 18, units: eth }, ...tokens];
};
