export * from './sandbox.ts';
export { SANDBOX_COINS, SANDBOX_FIAT_USD_RATES, type SandboxCoin } from './currencies.ts';
export { SANDBOX_OUTCOMES, STATUS_SEQUENCES, PARTIAL_PAYMENT_SHARE, type SandboxOutcome } from './payment-flow.ts';
export { DEFAULT_IPN_RETRY, type IpnAttempt, type IpnRetryPolicy, type SentIpn } from './ipn-delivery.ts';
export type { PayOptions, PayResult, SandboxInvoice } from './sandbox-ledger.ts';
export type { AllowedCallbackUrl } from './invoice-urls.ts';
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './sandbox-limits.ts';
