import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createChangeNowSimulator, createSandboxSettlement, ensureSandboxChain, startAnvil, type Anvil } from '@paygate/gateways';
import { SANDBOX_CHANGENOW_API_KEY } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';

export type SandboxPayoutWorld = {
  chainUrl: string;
  changenowUrl: string;
  /** The host wallet's key: a public anvil development key. */
  hostKey: string;
  tokens: Readonly<Record<string, { address: string; decimals: number }>>;
  stop(): Promise<void>;
};

export type SandboxPayoutWorldOptions = {
  /** anvil keeps its chain here across restarts. */
  stateDir: string;
  logger: Logger;
  /** A running local node to use instead of launching anvil. */
  chainUrl?: string;
  /** A running ChangeNOW simulator to use instead of starting one. */
  changenowUrl?: string;
  /** anvil's block time (default 1 s: confirmations take real blocks, as on a chain). */
  blockTimeSeconds?: number;
};

const listen = (app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<ServerType> =>
  new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(server));
  });

/**
 * The payout side of the sandbox: a local chain with the sandbox stable coins deployed and the
 * host wallet funded, and the ChangeNOW simulator on loopback, paying owners on that chain from
 * its own treasury account. Either part may be one already running (tests share them across
 * PayGate processes they kill and restart).
 */
export const startSandboxPayoutWorld = async (options: SandboxPayoutWorldOptions): Promise<SandboxPayoutWorld> => {
  const logger = options.logger.child({ component: 'sandbox-payouts' });
  let anvil: Anvil | undefined;
  // Set up on automine (a dozen deployments and transfers, at once), then one block a second.
  if (options.chainUrl === undefined) anvil = await startAnvil({ stateDir: options.stateDir });
  const chainUrl = options.chainUrl ?? anvil!.rpcUrl;
  try {
    const chain = await ensureSandboxChain(chainUrl);
    await anvil?.setIntervalMining(options.blockTimeSeconds ?? 1);
    let server: ServerType | undefined;
    let simulator: ReturnType<typeof createChangeNowSimulator> | undefined;
    if (options.changenowUrl === undefined) {
      const settlement = createSandboxSettlement({ rpcUrl: chainUrl, payerKey: chain.treasuryKey, tokens: chain.tokens });
      simulator = createChangeNowSimulator({
        apiKey: SANDBOX_CHANGENOW_API_KEY,
        settlement,
        tokenContracts: Object.fromEntries(Object.entries(chain.tokens).map(([code, token]) => [code, token.address])),
        onTickError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'ChangeNOW simulator tick failed'),
      });
      server = await listen(simulator.app);
      simulator.start();
    }
    const changenowUrl = options.changenowUrl ?? `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    logger.info({ chainUrl, changenowUrl, hostWallet: chain.hostAddress }, 'sandbox payouts ready: local chain and ChangeNOW simulator');
    return {
      chainUrl,
      changenowUrl,
      hostKey: chain.hostKey,
      tokens: chain.tokens,
      async stop() {
        simulator?.stop();
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        await anvil?.stop();
      },
    };
  } catch (error) {
    await anvil?.stop();
    throw error;
  }
};
