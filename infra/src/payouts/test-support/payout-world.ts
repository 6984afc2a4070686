// Test helper (not product code): the payout side of the sandbox, owned by the test so it outlives
// the PayGate processes the test kills: a real anvil (behind an RPC relay the test can act
// through), the sandbox tokens, and the ChangeNOW simulator on loopback (behind a hook too).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Interface } from 'ethers';
import {
  ANVIL_DEV_ACCOUNTS,
  createChangeNowSimulator,
  createSandboxSettlement,
  ensureSandboxChain,
  startAnvil,
  type Anvil,
  type ChangeNowSimulator,
  type SandboxChain,
} from '@paygate/gateways';
import { SANDBOX_CHANGENOW_API_KEY } from '../../config/index.ts';
import { startRpcProxy, type RpcProxy } from './rpc-proxy.ts';

const ERC20 = new Interface(['function transfer(address to, uint256 amount)', 'function balanceOf(address owner) view returns (uint256)']);

/** A mined transaction from the host wallet, decoded: what actually moved on chain. */
export type ChainTransfer = { hash: string; to: string; currency: string; amount: bigint; blockNumber: number; status: 'success' | 'reverted' };

export type PayoutWorld = {
  anvil: Anvil;
  chain: SandboxChain;
  simulator: ChangeNowSimulator;
  /** The relay PayGate talks to (PAYGATE_SANDBOX_CHAIN_URL). */
  rpc: RpcProxy;
  changenowUrl: string;
  /** Called before each ChangeNOW API request reaches the simulator (path and method). */
  onChangeNow: { hook?: (request: { method: string; path: string }) => void | Promise<void> };
  /** Removes the test's RPC relay and ChangeNOW hooks: both forward untouched again. */
  clearHooks(): void;
  /** The env that points PayGate at this world. */
  env: Record<string, string>;
  tokenBalance(currency: string, address: string): Promise<bigint>;
  /** Every mined transaction sent by the host wallet, oldest first (counted from the chain, not from PayGate's log). */
  hostTransfers(): Promise<ChainTransfer[]>;
  stop(): Promise<void>;
};

type RpcBlock = { number: string; transactions: { hash: string; from: string; to: string | null; input: string; value: string }[] };

export const startPayoutWorld = async (options: { blockTimeSeconds?: number; stepDelayMs?: number } = {}): Promise<PayoutWorld> => {
  // Set up on automine (fast), then mine on an interval like a chain.
  const anvil = await startAnvil();
  const chain = await ensureSandboxChain(anvil.rpcUrl);
  if (options.blockTimeSeconds !== undefined) await anvil.setIntervalMining(options.blockTimeSeconds);
  const simulator = createChangeNowSimulator({
    apiKey: SANDBOX_CHANGENOW_API_KEY,
    settlement: createSandboxSettlement({ rpcUrl: anvil.rpcUrl, payerKey: chain.treasuryKey, tokens: chain.tokens }),
    stepDelayMs: options.stepDelayMs ?? 100,
    tickIntervalMs: 200,
  });
  const onChangeNow: PayoutWorld['onChangeNow'] = {};
  const server: ServerType = await new Promise((resolve) => {
    const started = serve(
      {
        hostname: '127.0.0.1',
        port: 0,
        fetch: async (request) => {
          await onChangeNow.hook?.({ method: request.method, path: new URL(request.url).pathname });
          return simulator.app.fetch(request);
        },
      },
      () => resolve(started),
    );
  });
  simulator.start();
  const rpc = await startRpcProxy(anvil.rpcUrl);
  const changenowUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenByAddress = new Map(Object.entries(chain.tokens).map(([code, token]) => [token.address.toLowerCase(), code]));

  const tokenBalance = async (currency: string, address: string): Promise<bigint> => {
    if (currency === 'ETH') return BigInt(await anvil.rpc.call<string>('eth_getBalance', [address, 'latest']));
    const token = chain.tokens[currency]!;
    const data = await anvil.rpc.call<string>('eth_call', [{ to: token.address, data: ERC20.encodeFunctionData('balanceOf', [address]) }, 'latest']);
    return BigInt(data);
  };

  const hostTransfers = async (): Promise<ChainTransfer[]> => {
    const head = Number(BigInt(await anvil.rpc.call<string>('eth_blockNumber')));
    const host = chain.hostAddress.toLowerCase();
    const found: ChainTransfer[] = [];
    for (let number = 0; number <= head; number++) {
      const block = await anvil.rpc.call<RpcBlock>('eth_getBlockByNumber', [`0x${number.toString(16)}`, true]);
      for (const tx of block.transactions.filter((candidate) => candidate.from.toLowerCase() === host)) {
        const receipt = await anvil.rpc.call<{ status: string }>('eth_getTransactionReceipt', [tx.hash]);
        const status = BigInt(receipt.status) === 1n ? 'success' : 'reverted';
        const token = tx.to === null ? undefined : tokenByAddress.get(tx.to.toLowerCase());
        if (token !== undefined) {
          const [to, amount] = ERC20.decodeFunctionData('transfer', tx.input) as unknown as [string, bigint];
          found.push({ hash: tx.hash, to: to.toLowerCase(), currency: token, amount, blockNumber: number, status });
        } else {
          found.push({ hash: tx.hash, to: (tx.to ?? '').toLowerCase(), currency: 'ETH', amount: BigInt(tx.value), blockNumber: number, status });
        }
      }
    }
    return found;
  };

  return {
    anvil,
    chain,
    simulator,
    rpc,
    changenowUrl,
    onChangeNow,
    clearHooks() {
      rpc.hooks.before = undefined;
      rpc.hooks.after = undefined;
      onChangeNow.hook = undefined;
    },
    env: { PAYGATE_SANDBOX_CHAIN_URL: rpc.url, PAYGATE_SANDBOX_CHANGENOW_URL: changenowUrl },
    tokenBalance,
    hostTransfers,
    async stop() {
      simulator.stop();
      await rpc.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await anvil.stop();
    },
  };
};

/** A fresh owner wallet on the sandbox chain (a dev account nobody else in the sandbox uses). */
export const ownerWallet = (index: number): string => ANVIL_DEV_ACCOUNTS[4 + index]!.address;
