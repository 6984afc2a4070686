import { ipnCallbackUrl, type InvoiceGateway, type PaymentStatusSource } from '@paygate/commands';
import { PayGateError } from '@paygate/domain';
import { createNowPaymentsClient, createNowPaymentsSandbox, ipnToNotice, type NowPaymentsClient, type NowPaymentsSandbox } from '@paygate/gateways';
import { NOWPAYMENTS_SANDBOX_PATH, SANDBOX_NOWPAYMENTS_API_KEY, SANDBOX_NOWPAYMENTS_IPN_SECRET, type Config } from '../config/index.ts';
import type { PublicAddress } from './public-address.ts';

export { NOWPAYMENTS_SANDBOX_PATH, SANDBOX_NOWPAYMENTS_API_KEY, SANDBOX_NOWPAYMENTS_IPN_SECRET };

export type NowPaymentsSetup = {
  mode: 'live' | 'sandbox';
  gateway: InvoiceGateway;
  ipnSecret: string;
  /** What NOWPayments says about a payment now, as an IPN would say it (the lost-IPN reconciler). */
  statuses: PaymentStatusSource;
  /** GET /v1/status: NOWPayments' reachability for /readyz (non-fatal there). */
  ping(): Promise<void>;
  /** The sandbox to mount on the api role (sandbox mode only; never built in live mode). */
  sandbox?: NowPaymentsSandbox;
};

export type NowPaymentsSetupDeps = { config: Pick<Config, 'mode' | 'nowpayments' | 'payouts'>; address: PublicAddress };

/** The client's answers mapped exactly as the webhook maps an IPN body (ipnToNotice). */
const statusesOf = (client: () => NowPaymentsClient, canList: boolean): PaymentStatusSource => ({
  payment: async (paymentId) => ipnToNotice(await client().getPaymentStatus(paymentId)),
  ...(canList ? { invoicePayments: async (providerInvoiceId: string) => (await client().listInvoicePayments(providerInvoiceId)).map(ipnToNotice) } : {}),
});

const pingOf = (client: () => NowPaymentsClient) => async () => {
  const { ok, message } = await client().status();
  if (!ok) throw new PayGateError('unavailable', `NOWPayments status: ${message.slice(0, 100)}`);
};

const liveSetup = ({ config }: NowPaymentsSetupDeps): NowPaymentsSetup => {
  const { apiUrl, apiKey, ipnSecret } = config.nowpayments;
  // loadConfig guarantees these in live mode; a Config built by hand must not reach the real API half-set.
  if (apiUrl === undefined || apiKey === undefined || ipnSecret === undefined) {
    throw new PayGateError('validation', 'config error: live mode needs NOWPAYMENTS_API_URL, NOWPAYMENTS_API_KEY and NOWPAYMENTS_IPN_SECRET');
  }
  const client = createNowPaymentsClient({ apiUrl, apiKey, timeoutMs: 10_000 });
  // No invoice listing: the real list endpoint also wants a JWT from the account's password (see the client).
  return { mode: 'live', gateway: client, ipnSecret, statuses: statusesOf(() => client, false), ping: pingOf(() => client) };
};

const sandboxSetup = ({ config, address }: NowPaymentsSetupDeps): NowPaymentsSetup => {
  const { nowpayments } = config;
  if (nowpayments.apiUrl !== undefined || nowpayments.apiKey !== undefined || nowpayments.ipnSecret !== undefined) {
    // A live secret in the simulator would make it a signing oracle for real IPNs.
    throw new PayGateError('validation', 'config error: sandbox mode holds no NOWPayments credential; set PAYGATE_MODE=live to use them');
  }
  const base = () => `${address.publicUrl()}${NOWPAYMENTS_SANDBOX_PATH}`;
  const sandbox = createNowPaymentsSandbox({
    ipnSecret: SANDBOX_NOWPAYMENTS_IPN_SECRET,
    apiKey: SANDBOX_NOWPAYMENTS_API_KEY,
    publicUrl: base,
    // Signed IPNs go to PayGate's own webhook only: the sandbox is no relay for signed posts elsewhere.
    allowedCallbackUrl: () => ipnCallbackUrl(address.publicUrl()),
    // NOWPayments settles into the host wallet: in the sandbox, in the currency payouts leave from.
    outcomeCurrency: config.payouts.hostWalletCurrencies[0]!.toLowerCase(),
  });
  // The client is built per call: the api's address is only known once it listens.
  const gateway: InvoiceGateway = {
    createInvoice: (input) =>
      createNowPaymentsClient({ apiUrl: base(), apiKey: SANDBOX_NOWPAYMENTS_API_KEY, timeoutMs: 10_000 }).createInvoice(input),
  };
  const client = () => createNowPaymentsClient({ apiUrl: base(), apiKey: SANDBOX_NOWPAYMENTS_API_KEY, timeoutMs: 10_000 });
  return { mode: 'sandbox', gateway, ipnSecret: SANDBOX_NOWPAYMENTS_IPN_SECRET, statuses: statusesOf(client, true), ping: pingOf(client), sandbox };
};

/**
 * PAYGATE_MODE=live → the real API with the configured key and IPN secret; no simulator exists.
 * Sandbox → the simulator, served by the api role under /sandbox/nowpayments and signing IPNs with
 * its public secret only. Other processes (the CLI) reach it over HTTP at the running api's address.
 */
export const createNowPaymentsSetup = (deps: NowPaymentsSetupDeps): NowPaymentsSetup =>
  deps.config.mode === 'live' ? liveSetup(deps) : sandboxSetup(deps);
