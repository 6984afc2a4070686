/**
 * The NOWPayments REST surface the sandbox imitates: GET /v1/status, POST /v1/invoice,
 * GET /v1/payment/:id, GET /v1/payment/?invoiceId=, with NOWPayments' error body
 * {"status":false,"statusCode":…,"code":…,"message":…}.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { normalizeDecimal, numberToDecimalString, toExactJsonNumber } from '../decimal.ts';
import { issueFieldPaths } from '../ipn-payload.ts';
import { coinOf, usdRateOf } from './currencies.ts';
import { isAllowedCallback, isHttpUrl, type AllowedCallbackUrl } from './invoice-urls.ts';
import type { SandboxInvoice, SandboxLedger } from './sandbox-ledger.ts';

export const nowPaymentsError = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json({ status: false, statusCode: status, code, message }, status);

const url = v.nullish(v.pipe(v.string(), v.url(), v.check(isHttpUrl, 'must be an http(s) URL')));

const invoiceRequestSchema = v.looseObject({
  price_amount: v.union([
    v.pipe(v.number(), v.finite(), v.gtValue(0)),
    v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/), v.check((s) => Number(s) > 0)),
  ]),
  price_currency: v.pipe(v.string(), v.toLowerCase(), v.check((c) => usdRateOf(c) !== undefined, 'unknown currency')),
  pay_currency: v.nullish(v.pipe(v.string(), v.toLowerCase(), v.check((c) => coinOf(c) !== undefined, 'unknown currency'))),
  order_id: v.nullish(v.pipe(v.string(), v.maxLength(256))),
  order_description: v.nullish(v.pipe(v.string(), v.maxLength(1024))),
  ipn_callback_url: url,
  success_url: url,
  cancel_url: url,
  is_fixed_rate: v.nullish(v.boolean()),
  is_fee_paid_by_user: v.nullish(v.boolean()),
});

/** The invoice as POST /v1/invoice returns it (id and price_amount are strings there). */
export const invoiceJson = (invoice: SandboxInvoice) => ({
  id: invoice.id,
  token_id: invoice.tokenId,
  order_id: invoice.orderId,
  order_description: invoice.orderDescription,
  price_amount: invoice.priceAmount,
  price_currency: invoice.priceCurrency,
  pay_currency: invoice.payCurrency,
  ipn_callback_url: invoice.ipnCallbackUrl,
  invoice_url: invoice.invoiceUrl,
  success_url: invoice.successUrl,
  cancel_url: invoice.cancelUrl,
  customer_email: null,
  partially_paid_url: null,
  payout_currency: null,
  created_at: invoice.createdAt,
  updated_at: invoice.createdAt,
  is_fixed_rate: invoice.isFixedRate,
  is_fee_paid_by_user: invoice.isFeePaidByUser,
  source: null,
  collect_user_data: false,
});

const digest = (text: string) => createHash('sha256').update(text).digest();

export const createApiRoutes = (ledger: SandboxLedger, apiKey: string, allowedCallbackUrl?: AllowedCallbackUrl) => {
  const api = new Hono();
  const expectedKey = digest(apiKey);
  const authorized = (c: Context) => timingSafeEqual(digest(c.req.header('x-api-key') ?? ''), expectedKey);

  api.get('/v1/status', (c) => c.json({ message: 'OK' }));

  api.post('/v1/invoice', async (c) => {
    if (!authorized(c)) return nowPaymentsError(c, 403, 'INVALID_API_KEY', 'Invalid api key');
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return nowPaymentsError(c, 400, 'INVALID_REQUEST_PARAMS', 'Request body is not valid JSON');
    }
    const parsed = v.safeParse(invoiceRequestSchema, body);
    if (!parsed.success || Array.isArray(body)) {
      const fields = parsed.success ? ['(body)'] : issueFieldPaths(parsed.issues);
      return nowPaymentsError(c, 400, 'INVALID_REQUEST_PARAMS', fields.map((f) => `"${f}" is invalid`).join(', '));
    }
    const input = parsed.output;
    if (input.ipn_callback_url && !isAllowedCallback(input.ipn_callback_url, allowedCallbackUrl)) {
      return nowPaymentsError(c, 400, 'INVALID_REQUEST_PARAMS', '"ipn_callback_url" must be the PayGate webhook this sandbox serves');
    }
    const priceAmount =
      typeof input.price_amount === 'number' ? numberToDecimalString(input.price_amount) : normalizeDecimal(input.price_amount);
    try {
      toExactJsonNumber(priceAmount);
    } catch {
      return nowPaymentsError(c, 400, 'INVALID_REQUEST_PARAMS', '"price_amount" has too many digits');
    }
    const invoice = ledger.createInvoice({
      orderId: input.order_id ?? null,
      orderDescription: input.order_description ?? null,
      priceAmount,
      priceCurrency: input.price_currency,
      payCurrency: input.pay_currency ?? null,
      ipnCallbackUrl: input.ipn_callback_url ?? null,
      successUrl: input.success_url ?? null,
      cancelUrl: input.cancel_url ?? null,
      isFixedRate: input.is_fixed_rate ?? false,
      isFeePaidByUser: input.is_fee_paid_by_user ?? false,
    });
    return c.json(invoiceJson(invoice), 200);
  });

  // The list, filtered by invoice (the real API also wants a Bearer JWT; the sandbox takes the key alone).
  api.get('/v1/payment/', (c) => {
    if (!authorized(c)) return nowPaymentsError(c, 403, 'INVALID_API_KEY', 'Invalid api key');
    const invoiceId = c.req.query('invoiceId');
    const invoice = invoiceId === undefined ? undefined : ledger.invoices.get(invoiceId);
    const all = invoiceId === undefined ? [...ledger.payments.values()] : (invoice?.paymentIds ?? []).flatMap((id) => ledger.payments.get(id) ?? []);
    const data = all.reverse().slice(0, 100);
    return c.json({ data, limit: 100, page: 0, pagesCount: 1, total: data.length });
  });

  api.get('/v1/payment/:id', (c) => {
    if (!authorized(c)) return nowPaymentsError(c, 403, 'INVALID_API_KEY', 'Invalid api key');
    const id = c.req.param('id');
    const payment = /^\d+$/.test(id) ? ledger.payments.get(Number(id)) : undefined;
    if (!payment) return nowPaymentsError(c, 404, 'PAYMENT_NOT_FOUND', `Payment ${id} not found`);
    return c.json(payment);
  });

  return api;
};
