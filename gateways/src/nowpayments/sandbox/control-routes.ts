/**
 * Sandbox-only control API for tests and `paygate sandbox pay <invoiceId>`:
 *   POST /sandbox/invoices/:ref/pay  {outcome?, duplicate?, outOfOrder?, payCurrency?, again?}
 *        409 when the invoice is already paid, unless `again` (a deliberate second payment)
 *   GET  /sandbox/invoices            GET /sandbox/ipns
 *   POST /sandbox/payments/:id/refund   the payment moves to refunded, its IPN is posted (409 unless finished, partially paid or failed)
 *   POST /sandbox/payments/:id/deliver-late   posts the IPNs a `loseIpns` payment never delivered
 * `:ref` is the NOWPayments invoice id or the merchant's order id.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { isPayGateError } from '@paygate/domain';
import { issueFieldPaths } from '../ipn-payload.ts';
import { invoiceJson } from './api-routes.ts';
import type { SentIpn } from './ipn-delivery.ts';
import { SANDBOX_OUTCOMES } from './payment-flow.ts';
import type { createAfterPayment } from './sandbox-after-payment.ts';
import type { SandboxLedger } from './sandbox-ledger.ts';

const payRequestSchema = v.strictObject({
  outcome: v.optional(v.picklist(SANDBOX_OUTCOMES)),
  duplicate: v.optional(v.boolean()),
  outOfOrder: v.optional(v.boolean()),
  payCurrency: v.optional(v.pipe(v.string(), v.minLength(1))),
  again: v.optional(v.boolean()),
  loseIpns: v.optional(v.boolean()),
});

const deliverySummary = (ipn: SentIpn) => ({
  status: ipn.status,
  copy: ipn.copy,
  late: ipn.late,
  delivered: ipn.delivered,
  attempts: ipn.attempts.length,
  lastHttpStatus: ipn.attempts.at(-1)?.httpStatus ?? null,
  lastError: ipn.attempts.at(-1)?.error ?? null,
});

export const createControlRoutes = (ledger: SandboxLedger, after: ReturnType<typeof createAfterPayment>) => {
  const control = new Hono();

  const paymentAction = (action: (paymentId: number) => Promise<SentIpn | SentIpn[] | null>) => async (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!/^\d{1,15}$/.test(id)) return c.json({ error: 'payment id must be digits' }, 400);
    try {
      const sent = await action(Number(id));
      return c.json({ deliveries: (sent === null ? [] : Array.isArray(sent) ? sent : [sent]).map(deliverySummary) });
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'not_found') return c.json({ error: error.message }, 404);
      if (isPayGateError(error) && error.kind === 'conflict') return c.json({ error: error.message }, 409);
      throw error;
    }
  };
  control.post('/sandbox/payments/:id/refund', paymentAction(after.refund));
  control.post('/sandbox/payments/:id/deliver-late', paymentAction(after.deliverLate));

  control.post('/sandbox/invoices/:ref/pay', async (c) => {
    const text = await c.req.text();
    let body: unknown = {};
    try {
      if (text.trim() !== '') body = JSON.parse(text);
    } catch {
      return c.json({ error: 'body is not valid JSON', fields: ['(body)'] }, 400);
    }
    const parsed = v.safeParse(payRequestSchema, body);
    if (!parsed.success) return c.json({ error: 'invalid pay request', fields: issueFieldPaths(parsed.issues) }, 400);
    try {
      const result = await ledger.pay(c.req.param('ref'), parsed.output);
      return c.json({ ...result, deliveries: result.deliveries.map(deliverySummary) });
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'not_found') return c.json({ error: error.message }, 404);
      if (isPayGateError(error) && error.kind === 'conflict') return c.json({ error: error.message, ...error.details }, 409);
      if (isPayGateError(error) && error.kind === 'validation') return c.json({ error: error.message }, 400);
      throw error;
    }
  });

  control.get('/sandbox/invoices', (c) =>
    c.json([...ledger.invoices.values()].map((i) => ({ ...invoiceJson(i), payment_ids: i.paymentIds, paid_by: i.paidBy }))),
  );
  control.get('/sandbox/ipns', (c) => c.json(ledger.sentIpns));

  return control;
};
