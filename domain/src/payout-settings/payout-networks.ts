import { PayGateError } from '../errors/index.ts';
import { currencyInfo, money, type Money } from '../money/index.ts';

/**
 * Where an owner can be paid: EVM networks (one address format, EIP-55) and, per network, the
 * currencies PayGate can pay out there (money registry codes, which name the network too).
 */
export const PAYOUT_NETWORKS = {
  ethereum: ['ETH', 'USDTERC20', 'USDCERC20'],
  polygon: ['USDTMATIC', 'USDCMATIC'],
  bsc: ['BNBBSC', 'USDTBSC'],
} as const satisfies Record<string, readonly string[]>;

export type PayoutNetwork = keyof typeof PAYOUT_NETWORKS;

export const PAYOUT_NETWORK_NAMES = Object.keys(PAYOUT_NETWORKS) as PayoutNetwork[];

export const isPayoutNetwork = (value: string): value is PayoutNetwork => Object.hasOwn(PAYOUT_NETWORKS, value);

/** The registry code of `currency` if it can be paid out on `network`; PayGateError('validation') otherwise. */
export const assertPayoutCurrency = (network: string, currency: string): string => {
  if (!isPayoutNetwork(network)) {
    throw new PayGateError('validation', `network must be one of ${PAYOUT_NETWORK_NAMES.join(', ')}`, { field: 'network' });
  }
  const code = currencyInfo(currency).code;
  const offered: readonly string[] = PAYOUT_NETWORKS[network];
  if (!offered.includes(code)) {
    throw new PayGateError('validation', `${code} cannot be paid out on ${network}; choose one of ${offered.join(', ')}`, { field: 'currency' });
  }
  return code;
};

/**
 * The threshold strategy is denominated in USD, like tier prices: the owner thinks in what they
 * charge, and the threshold survives a change of payout wallet or currency unchanged.
 */
export const THRESHOLD_CURRENCY = 'USD';
export const MIN_PAYOUT_THRESHOLD: Money = money(10_00n, THRESHOLD_CURRENCY);
export const MAX_PAYOUT_THRESHOLD: Money = money(1_000_000_00n, THRESHOLD_CURRENCY);

export const assertPayoutThreshold = (threshold: Money): void => {
  if (threshold.currency !== THRESHOLD_CURRENCY || threshold.decimals !== MIN_PAYOUT_THRESHOLD.decimals) {
    throw new PayGateError('validation', `the payout threshold is in ${THRESHOLD_CURRENCY}, not ${threshold.currency}`, { field: 'threshold' });
  }
  if (threshold.amount < MIN_PAYOUT_THRESHOLD.amount || threshold.amount > MAX_PAYOUT_THRESHOLD.amount) {
    throw new PayGateError('validation', 'the payout threshold must be from 10.00 to 1000000.00 USD', { field: 'threshold' });
  }
};
