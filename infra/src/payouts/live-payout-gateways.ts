import { PayGateError } from '@paygate/domain';
import { createChangeNowClient, createEthereumHostChain } from '@paygate/gateways';
import type { PayoutConfig } from '../config/index.ts';
import type { PayoutGateways } from './payout-gateways.ts';

/** Ethereum mainnet's stable coins the host wallet may hold (Tether's and Circle's own contracts). */
export const MAINNET_TOKENS = {
  USDTERC20: { address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', decimals: 6 },
  USDCERC20: { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', decimals: 6 },
} as const;

const MAINNET_CHAIN_ID = 1;

/** Live: ChangeNOW and the configured node with the host wallet's key. Nothing simulated is built. */
export const livePayoutGateways = (payouts: PayoutConfig): PayoutGateways => {
  const { changenowApiUrl, changenowApiKey, ethereumRpcUrl, hostWalletPrivateKey, hostWalletCurrencies } = payouts;
  if (changenowApiUrl === undefined || changenowApiKey === undefined || ethereumRpcUrl === undefined || hostWalletPrivateKey === undefined) {
    throw new PayGateError('validation', 'config error: live mode needs CHANGENOW_API_KEY, ETHEREUM_RPC_URL and HOST_WALLET_PRIVATE_KEY');
  }
  const tokens = Object.fromEntries(Object.entries(MAINNET_TOKENS).filter(([code]) => hostWalletCurrencies.includes(code)));
  const chain = createEthereumHostChain({ rpcUrl: ethereumRpcUrl, privateKey: hostWalletPrivateKey, network: 'ethereum', tokens, chainId: MAINNET_CHAIN_ID, rpcTimeoutMs: 15_000 });
  return {
    mode: 'live',
    exchange: createChangeNowClient({ apiUrl: changenowApiUrl, apiKey: changenowApiKey, timeoutMs: 15_000 }),
    chain,
    start: async () => undefined,
    stop: async () => undefined,
  };
};
