/**
 * NOWPayments API client: hosted invoices (POST /v1/invoice), payment status
 * (GET /v1/payment/:id), an invoice's payments (GET /v1/payment/?invoiceId=) and API health
 * (GET /v1/status). Auth is the `x-api-key` header.
 */
import { PayGateError } from '@paygate/domain';
import { normalizeDecimal, numberToDecimalString, toExactJsonNumber } from '../decimal.ts';
import { ipnPayloadSchema, type IpnPayload } from '../ipn-payload.ts';
import { apiRequest, type ApiRequestContext, type FetchLike } from './api-request.ts';
import { apiStatusSchema, invoiceResponseSchema, paymentListSchema } from './api-schemas.ts';
import { asciiOrderDescription } from './order-description.ts';

export type NowPaymentsClientOptions = {
  readonly apiUrl: string; // e.g. https://api.nowpayments.io (no /v1)
  readonly apiKey: string;
  readonly fetch?: FetchLike;
  readonly timeoutMs: number;
};

export type CreateInvoiceInput = {
  /** Decimal string in price currency units, e.g. "19.99"; sent verbatim as the JSON number. */
  readonly priceAmount: string;
  readonly priceCurrency: string;
  readonly orderId: string;
  /** Any text (a channel title in any script); sent as printable ASCII, see asciiOrderDescription. */
  readonly orderDescription: string;
  readonly ipnCallbackUrl: string;
  readonly successUrl?: string;
  readonly cancelUrl?: string;
  /** Lets the payer skip choosing a coin on the hosted page. */
  readonly payCurrency?: string;
};

export type CreatedInvoice = {
  readonly providerInvoiceId: string;
  readonly invoiceUrl: string;
  readonly orderId: string | null;
  readonly priceAmount: string; // exact decimal as NOWPayments echoed it
  readonly priceCurrency: string;
  readonly payCurrency: string | null;
  readonly createdAt: string | null;
};

/** GET /v1/payment/:id answers the same fields an IPN carries. */
export type NowPaymentsPayment = IpnPayload;

export type NowPaymentsClient = {
  createInvoice(input: CreateInvoiceInput): Promise<CreatedInvoice>;
  getPaymentStatus(paymentId: string | number): Promise<NowPaymentsPayment>;
  /**
   * GET /v1/payment/?invoiceId=…: the payments made on one hosted invoice (newest first, the
   * first 100). The real API also wants `Authorization: Bearer <JWT from POST /v1/auth>` here,
   * which needs the account's e-mail and password; PayGate sends the api key only, so against
   * the real API this answers 401 until that is configured (docs/payments.md, "Lost IPNs").
   */
  listInvoicePayments(providerInvoiceId: string): Promise<NowPaymentsPayment[]>;
  status(): Promise<{ readonly ok: boolean; readonly message: string }>;
};

const POSITIVE_DECIMAL = /^\d+(\.\d+)?$/;

const requireUrl = (field: string, value: string | undefined): void => {
  if (value !== undefined && !URL.canParse(value)) throw new PayGateError('validation', `${field} is not a URL`, { field });
};

const invoiceBody = (input: CreateInvoiceInput): string => {
  if (!POSITIVE_DECIMAL.test(input.priceAmount) || /^0+(\.0+)?$/.test(input.priceAmount)) {
    throw new PayGateError('validation', 'priceAmount must be a positive decimal string', { field: 'priceAmount' });
  }
  toExactJsonNumber(input.priceAmount); // NOWPayments parses it into a double: refuse digits it would drop
  if (input.orderId.trim() === '') throw new PayGateError('validation', 'orderId is empty', { field: 'orderId' });
  if (input.priceCurrency.trim() === '') throw new PayGateError('validation', 'priceCurrency is empty', { field: 'priceCurrency' });
  requireUrl('ipnCallbackUrl', input.ipnCallbackUrl);
  requireUrl('successUrl', input.successUrl);
  requireUrl('cancelUrl', input.cancelUrl);
  const rest = JSON.stringify({
    price_currency: input.priceCurrency.toLowerCase(),
    order_id: input.orderId,
    // NOWPayments signs its echo of this field: ASCII only, so both ends encode it alike.
    order_description: asciiOrderDescription(input.orderDescription) || `Order ${input.orderId}`,
    ipn_callback_url: input.ipnCallbackUrl,
    ...(input.successUrl === undefined ? {} : { success_url: input.successUrl }),
    ...(input.cancelUrl === undefined ? {} : { cancel_url: input.cancelUrl }),
    ...(input.payCurrency === undefined ? {} : { pay_currency: input.payCurrency.toLowerCase() }),
  });
  // The amount goes in as a number literal written from the decimal string: no float ever exists.
  return `{"price_amount":${normalizeDecimal(input.priceAmount)},${rest.slice(1)}`;
};

export const createNowPaymentsClient = (options: NowPaymentsClientOptions): NowPaymentsClient => {
  // Checked up front: an invalid header value makes fetch throw a message quoting the key.
  if (options.apiKey.trim() === '' || !/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new PayGateError('validation', 'NOWPayments api key is empty or has characters a header cannot carry');
  }
  if (!URL.canParse(options.apiUrl)) throw new PayGateError('validation', 'NOWPayments api url is not a URL');
  if (!(options.timeoutMs > 0)) throw new PayGateError('validation', 'NOWPayments timeoutMs must be positive');
  const ctx: ApiRequestContext = {
    apiUrl: options.apiUrl.replace(/\/+$/, ''),
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs,
  };

  return {
    async createInvoice(input) {
      const body = invoiceBody(input);
      const invoice = await apiRequest(ctx, { operation: 'create invoice', method: 'POST', path: '/v1/invoice', body }, invoiceResponseSchema);
      return {
        providerInvoiceId: String(invoice.id),
        invoiceUrl: invoice.invoice_url,
        orderId: invoice.order_id ?? null,
        priceAmount:
          typeof invoice.price_amount === 'number' ? numberToDecimalString(invoice.price_amount) : normalizeDecimal(invoice.price_amount),
        priceCurrency: invoice.price_currency,
        payCurrency: invoice.pay_currency ?? null,
        createdAt: invoice.created_at ?? null,
      };
    },

    async getPaymentStatus(paymentId) {
      const id = String(paymentId);
      if (!/^\d+$/.test(id)) throw new PayGateError('validation', 'paymentId must be a NOWPayments numeric id', { field: 'paymentId' });
      return apiRequest(ctx, { operation: 'get payment status', method: 'GET', path: `/v1/payment/${id}` }, ipnPayloadSchema);
    },

    async listInvoicePayments(providerInvoiceId) {
      if (!/^\d+$/.test(providerInvoiceId)) throw new PayGateError('validation', 'invoiceId must be a NOWPayments numeric id', { field: 'invoiceId' });
      const path = `/v1/payment/?invoiceId=${providerInvoiceId}&limit=100&page=0&sortBy=created_at&orderBy=desc`;
      const { data } = await apiRequest(ctx, { operation: 'list invoice payments', method: 'GET', path }, paymentListSchema);
      return data;
    },

    async status() {
      const { message } = await apiRequest(ctx, { operation: 'status', method: 'GET', path: '/v1/status' }, apiStatusSchema);
      return { ok: message === 'OK', message };
    },
  };
};
