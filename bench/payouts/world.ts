import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import {
  ANVIL_DEV_ACCOUNTS,
  createChangeNowSimulator,
  createEthereumHostChain,
  createSandboxSettlement,
  ensureSandboxChain,
  startAnvil,
  type Anvil,
  type ChangeNowSimulator,
  type SandboxChain,
} from '@paygate/gateways';
import { SANDBOX_CHANGENOW_API_KEY } from '../../infra/src/config/index.ts';

/** The account the chain baseline sends from: anvil's #2, neither the treasury (#0) nor the host wallet (#1). */
export const BASELINE_ACCOUNT = ANVIL_DEV_ACCOUNTS[2]!;
/** Whole tokens the baseline account gets from the treasury before anything else runs. */
const BASELINE_FUNDING_UNITS = 1_000_000n * 10n ** 6n;

export type BenchPayoutWorld = {
  anvil: Anvil;
  chain: SandboxChain;
  simulator: ChangeNowSimulator;
  changenowUrl: string;
  /** Ticks that threw (a settlement failure is recorded on its exchange instead). */
  tickErrors(): number;
  stop(): Promise<void>;
};

/**
 * The bench's own payout world, owned by this process as the e2e tests own theirs: anvil at
 * `blockTimeSeconds`, the sandbox tokens, the baseline account funded with USDTERC20 (before the
 * simulator exists, so no nonce of the treasury is in use), the ChangeNOW simulator on loopback.
 */
export const startBenchPayoutWorld = async (options: { blockTimeSeconds: number; stepDelayMs: number; tickIntervalMs: number }): Promise<BenchPayoutWorld> => {
  const anvil = await startAnvil({ blockTimeSeconds: options.blockTimeSeconds });
  try {
    const chain = await ensureSandboxChain(anvil.rpcUrl);
    const treasury = createEthereumHostChain({ rpcUrl: anvil.rpcUrl, privateKey: chain.treasuryKey, network: 'ethereum', tokens: { USDTERC20: chain.tokens.USDTERC20! }, rpcTimeoutMs: 10_000 });
    const funding = await treasury.signTransfer({ currency: 'USDTERC20', to: BASELINE_ACCOUNT.address, amount: BASELINE_FUNDING_UNITS, nonce: await treasury.pendingNonce() });
    await treasury.broadcast(funding.rawTransaction);
    for (;;) {
      const status = await treasury.transferStatus([funding.hash], 1);
      if (status.state === 'confirmed') break;
      if (status.state === 'reverted') throw new Error('funding the baseline account reverted');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    let tickErrors = 0;
    const simulator = createChangeNowSimulator({
      apiKey: SANDBOX_CHANGENOW_API_KEY,
      settlement: createSandboxSettlement({ rpcUrl: anvil.rpcUrl, payerKey: chain.treasuryKey, tokens: chain.tokens }),
      tokenContracts: Object.fromEntries(Object.entries(chain.tokens).map(([code, token]) => [code, token.address])),
      stepDelayMs: options.stepDelayMs,
      tickIntervalMs: options.tickIntervalMs,
      onTickError: () => {
        tickErrors += 1;
      },
    });
    const server: ServerType = await new Promise((resolve) => {
      const started = serve({ hostname: '127.0.0.1', port: 0, fetch: simulator.app.fetch }, () => resolve(started));
    });
    simulator.start();
    return {
      anvil,
      chain,
      simulator,
      changenowUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      tickErrors: () => tickErrors,
      async stop() {
        simulator.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await anvil.stop();
      },
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
};
