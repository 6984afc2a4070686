/**
 * A local HTTP stand-in for NOWPayments: the REST API PayGate calls, a checkout page payers
 * visit, and signed IPNs sent to the invoice's callback URL when a payment is played through
 * (from the page, the control API or `pay()`).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { PayGateError } from '@paygate/domain';
import type { FetchLike } from '../client/api-request.ts';
import { createApiRoutes } from './api-routes.ts';
import { createAfterPayment } from './sandbox-after-payment.ts';
import { createCheckoutRoutes } from './checkout-page.ts';
import { createControlRoutes } from './control-routes.ts';
import { coinOf } from './currencies.ts';
import type { AllowedCallbackUrl } from './invoice-urls.ts';
import { DEFAULT_IPN_RETRY, type IpnRetryPolicy, type SentIpn } from './ipn-delivery.ts';
import { createSandboxLedger, type PayOptions, type PayResult, type SandboxInvoice } from './sandbox-ledger.ts';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './sandbox-limits.ts';

export type NowPaymentsSandboxOptions = {
  readonly ipnSecret: string;
  readonly apiKey: string;
  /** Base of invoice_url; defaults to the address `listen` binds. A function when the sandbox is mounted in a server whose address is known later. */
  readonly publicUrl?: string | (() => string);
  readonly clock?: () => Date;
  /** IPN retries when the callback does not answer 2xx. */
  readonly ipnRetry?: Partial<IpnRetryPolicy>;
  /** Pause between successive statuses of one payment. */
  readonly stepDelayMs?: number;
  readonly defaultPayCurrency?: string; // usdttrc20
  readonly outcomeCurrency?: string; // usdttrc20
  readonly feeBps?: number; // 50 = NOWPayments' 0.5 %
  /** How IPNs are posted; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /**
   * The only ipn_callback_url an invoice may name (PayGate's `<publicUrl>/webhooks/nowpayments`);
   * any other is refused with 400, so the sandbox never posts signed IPNs elsewhere. Unset: any
   * http(s) callback (tests with their own receivers).
   */
  readonly allowedCallbackUrl?: AllowedCallbackUrl;
  /** Caps on what the sandbox remembers (oldest forgotten first); DEFAULT_SANDBOX_LIMITS otherwise. */
  readonly limits?: Partial<SandboxLimits>;
};

export type NowPaymentsSandbox = {
  readonly app: Hono;
  listen(port?: number, hostname?: string): Promise<{ readonly url: string; close(): Promise<void> }>;
  pay(invoiceIdOrOrderId: string, options?: PayOptions): Promise<PayResult>;
  /** Refunds a finished, partially paid or failed payment: status refunded, and its IPN posted. */
  refund(paymentId: number): Promise<SentIpn | null>;
  /** Posts the IPNs `pay({ loseIpns: true })` never delivered (a late IPN). */
  deliverLate(paymentId: number): Promise<SentIpn[]>;
  readonly invoices: ReadonlyMap<string, SandboxInvoice>;
  readonly sentIpns: readonly SentIpn[];
};

const closeServer = (server: ServerType) =>
  new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server) server.closeAllConnections();
  });

export const createNowPaymentsSandbox = (options: NowPaymentsSandboxOptions): NowPaymentsSandbox => {
  const defaultPayCurrency = options.defaultPayCurrency ?? 'usdttrc20';
  const outcomeCurrency = options.outcomeCurrency ?? 'usdttrc20';
  if (options.ipnSecret.trim() === '' || options.apiKey.trim() === '') {
    throw new PayGateError('validation', 'the NOWPayments sandbox needs an api key and an IPN secret');
  }
  if (!coinOf(defaultPayCurrency) || !coinOf(outcomeCurrency)) {
    throw new PayGateError('validation', 'unsupported sandbox currency', { defaultPayCurrency, outcomeCurrency });
  }
  for (const [name, max] of Object.entries(options.limits ?? {})) {
    if (!Number.isSafeInteger(max) || max < 1) throw new PayGateError('validation', `sandbox limit ${name} must be a positive integer`);
  }
  const configured = options.publicUrl;
  let listenedUrl = 'http://127.0.0.1';
  const publicUrl = () => (typeof configured === 'function' ? configured() : (configured ?? listenedUrl)).replace(/\/+$/, '');

  const ledger = createSandboxLedger({
    ipnSecret: options.ipnSecret,
    clock: options.clock ?? (() => new Date()),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    retry: { ...DEFAULT_IPN_RETRY, ...options.ipnRetry },
    stepDelayMs: options.stepDelayMs ?? 0,
    defaultPayCurrency,
    outcomeCurrency,
    feeBps: options.feeBps ?? 50,
    publicUrl,
    limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits },
  });

  const after = createAfterPayment(ledger, { ipnSecret: options.ipnSecret, clock: options.clock ?? (() => new Date()), fetch: options.fetch ?? ((input, init) => fetch(input, init)), retry: { ...DEFAULT_IPN_RETRY, ...options.ipnRetry }, limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits } });
  const app = new Hono();
  app.route('/', createApiRoutes(ledger, options.apiKey, options.allowedCallbackUrl));
  app.route('/', createCheckoutRoutes(ledger, defaultPayCurrency));
  app.route('/', createControlRoutes(ledger, after));

  const listen = (port = 0, hostname = '127.0.0.1') =>
    new Promise<{ url: string; close(): Promise<void> }>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
        const url = `http://${hostname}:${info.port}`;
        listenedUrl = url;
        resolve({ url, close: () => closeServer(server) });
      });
      server.once('error', reject);
    });

  return {
    app,
    listen,
    pay: (ref, payOptions) => ledger.pay(ref, payOptions),
    refund: (paymentId) => after.refund(paymentId),
    deliverLate: (paymentId) => after.deliverLate(paymentId),
    invoices: ledger.invoices,
    sentIpns: ledger.sentIpns,
  };
};
