import type { InvoiceGateway } from '@paygate/commands';
import { PayGateError } from '@paygate/domain';
import { createNowPaymentsClient, createNowPaymentsSandbox, type NowPaymentsSandbox } from '@paygate/gateways';
import type { Platform } from './platform.ts';
import { publicUrl } from './public-address.ts';

/** Where the in-process NOWPayments sandbox is mounted on the api role's server. */
export const NOWPAYMENTS_SANDBOX_PATH = '/sandbox/nowpayments';
// Sandbox credentials: the sandbox moves no money, so these are fixed and public on purpose.
export const SANDBOX_NOWPAYMENTS_API_KEY = 'paygate-sandbox-api-key';
export const SANDBOX_NOWPAYMENTS_IPN_SECRET = 'paygate-sandbox-ipn-secret';

export type NowPaymentsSetup = {
  mode: 'live' | 'sandbox';
  gateway: InvoiceGateway;
  ipnSecret: string | undefined;
  /** The sandbox to mount on the api role (sandbox mode only). */
  sandbox?: NowPaymentsSandbox;
};

const setups = new WeakMap<Platform, NowPaymentsSetup>();

/**
 * NOWPAYMENTS_API_URL set → the real API with the configured key and IPN secret. Unset → the
 * sandbox, served by the api role under /sandbox/nowpayments, signing IPNs with the sandbox secret.
 * Other processes (the CLI) reach that sandbox over HTTP at the running api's address.
 */
export const nowPaymentsFor = (platform: Platform, sandboxBaseUrl?: () => string): NowPaymentsSetup => {
  const existing = setups.get(platform);
  if (existing) return existing;
  const { nowpayments } = platform.config;
  let setup: NowPaymentsSetup;
  if (nowpayments.apiUrl !== undefined) {
    if (nowpayments.apiKey === undefined) {
      throw new PayGateError('validation', 'config error: NOWPAYMENTS_API_KEY is required when NOWPAYMENTS_API_URL is set');
    }
    const client = createNowPaymentsClient({ apiUrl: nowpayments.apiUrl, apiKey: nowpayments.apiKey, timeoutMs: 10_000 });
    setup = { mode: 'live', gateway: client, ipnSecret: nowpayments.ipnSecret };
  } else {
    const base = () => `${sandboxBaseUrl?.() ?? publicUrl(platform)}${NOWPAYMENTS_SANDBOX_PATH}`;
    // A configured IPN secret is honoured in sandbox mode too, so both ends sign and check alike.
    const ipnSecret = nowpayments.ipnSecret ?? SANDBOX_NOWPAYMENTS_IPN_SECRET;
    const sandbox = createNowPaymentsSandbox({
      ipnSecret,
      apiKey: SANDBOX_NOWPAYMENTS_API_KEY,
      publicUrl: base,
    });
    // The client is built per call: the api's address is only known once it listens.
    const gateway: InvoiceGateway = {
      createInvoice: (input) =>
        createNowPaymentsClient({ apiUrl: base(), apiKey: SANDBOX_NOWPAYMENTS_API_KEY, timeoutMs: 10_000 }).createInvoice(input),
    };
    setup = { mode: 'sandbox', gateway, ipnSecret, sandbox };
  }
  setups.set(platform, setup);
  return setup;
};
