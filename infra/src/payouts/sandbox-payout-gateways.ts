import { join } from 'node:path';
import { PayGateError, type HostChain, type PayoutExchange } from '@paygate/domain';
import { createChangeNowClient, createEthereumHostChain } from '@paygate/gateways';
import { SANDBOX_CHANGENOW_API_KEY, type PayoutConfig } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { chainIn, exchangeIn, slot } from './delegates.ts';
import type { PayoutGateways } from './payout-gateways.ts';
import { startSandboxPayoutWorld, type SandboxPayoutWorld } from './sandbox-payout-world.ts';

export type SandboxPayoutDeps = { payouts: PayoutConfig; dataDir: string; logger: Logger };

/**
 * Sandbox: the host wallet is an anvil development account on a local chain (launched here, or
 * PAYGATE_SANDBOX_CHAIN_URL), and ChangeNOW is the simulator (started here, or
 * PAYGATE_SANDBOX_CHANGENOW_URL), which really pays owners on that chain. No live credential exists.
 */
export const sandboxPayoutGateways = ({ payouts, dataDir, logger }: SandboxPayoutDeps): PayoutGateways => {
  if (payouts.changenowApiKey !== undefined || payouts.ethereumRpcUrl !== undefined || payouts.hostWalletPrivateKey !== undefined) {
    throw new PayGateError('validation', 'config error: sandbox mode holds no ChangeNOW key, Ethereum node or host wallet key; set PAYGATE_MODE=live to use them');
  }
  const exchange = slot<PayoutExchange>('the sandbox ChangeNOW');
  const chain = slot<HostChain>('the sandbox chain');
  let world: SandboxPayoutWorld | undefined;
  return {
    mode: 'sandbox',
    exchange: exchangeIn(exchange),
    chain: chainIn(chain, 'ethereum'),
    async start() {
      if (world) return;
      world = await startSandboxPayoutWorld({
        stateDir: join(dataDir, 'sandbox-chain'),
        logger,
        ...(payouts.sandboxChainUrl === undefined ? {} : { chainUrl: payouts.sandboxChainUrl }),
        ...(payouts.sandboxChangenowUrl === undefined ? {} : { changenowUrl: payouts.sandboxChangenowUrl }),
      });
      const { chainUrl, changenowUrl, hostKey, tokens } = world;
      const hostTokens = Object.fromEntries(Object.entries(tokens).filter(([code]) => payouts.hostWalletCurrencies.includes(code)));
      chain.set(createEthereumHostChain({ rpcUrl: chainUrl, privateKey: hostKey, network: 'ethereum', tokens: hostTokens, rpcTimeoutMs: 10_000 }));
      exchange.set(createChangeNowClient({ apiUrl: changenowUrl, apiKey: SANDBOX_CHANGENOW_API_KEY, timeoutMs: 10_000 }));
    },
    async stop() {
      exchange.set(undefined);
      chain.set(undefined);
      await world?.stop();
      world = undefined;
    },
    sandbox: () => (world ? { chainUrl: world.chainUrl, changenowUrl: world.changenowUrl } : undefined),
  };
};
