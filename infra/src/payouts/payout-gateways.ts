import type { HostChain, PayoutExchange } from '@paygate/domain';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { livePayoutGateways } from './live-payout-gateways.ts';
import { sandboxPayoutGateways } from './sandbox-payout-gateways.ts';

/** What pays owners: the exchange (ChangeNOW) and the host wallet's chain, live or simulated. */
export type PayoutGateways = {
  mode: 'live' | 'sandbox';
  exchange: PayoutExchange;
  chain: HostChain;
  /** Sandbox: launches (or connects to) the local chain and the ChangeNOW simulator. Live: nothing. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sandbox only, once started: where the local chain and the simulator listen. */
  sandbox?: () => { chainUrl: string; changenowUrl: string } | undefined;
};

export type PayoutGatewaysDeps = { config: Pick<Config, 'mode' | 'payouts' | 'dataDir'>; logger: Logger };

/** PAYGATE_MODE=live → ChangeNOW and the configured node; sandbox → anvil and the ChangeNOW simulator on loopback. */
export const createPayoutGateways = ({ config, logger }: PayoutGatewaysDeps): PayoutGateways =>
  config.mode === 'live' ? livePayoutGateways(config.payouts) : sandboxPayoutGateways({ payouts: config.payouts, dataDir: config.dataDir, logger });
