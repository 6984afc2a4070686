/**
 * The hosted checkout a payer is sent to (invoice_url = /payment/?iid=<id>), reduced to one
 * form: pick a coin and an outcome, press Pay, and the sandbox plays the payment through. A paid
 * invoice shows as paid, with no Pay button: a payer coming back must not pay twice by accident.
 */
import { Hono, type Context } from 'hono';
import { isPayGateError } from '@paygate/domain';
import { SANDBOX_COINS } from './currencies.ts';
import { SANDBOX_OUTCOMES, type SandboxOutcome } from './payment-flow.ts';
import type { PayResult, SandboxInvoice, SandboxLedger } from './sandbox-ledger.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
dt{font-weight:600}button{font-size:1.1rem;padding:.5rem 2rem}</style></head>
<body><p><small>NOWPayments sandbox — no real coins move</small></p>${body}</body></html>`;

const options = (values: readonly string[], selected: string) =>
  values.map((value) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(value)}</option>`).join('');

// The form posts relative to the page, so the sandbox also works mounted under a path prefix.
const checkoutHtml = (invoice: SandboxInvoice, defaultPayCurrency: string, action: string) =>
  page(
    `Invoice ${invoice.id}`,
    `<h1>Pay invoice ${escapeHtml(invoice.id)}</h1>
<dl><dt>Order</dt><dd>${escapeHtml(invoice.orderId ?? '—')}</dd>
<dt>Description</dt><dd>${escapeHtml(invoice.orderDescription ?? '—')}</dd>
<dt>Amount</dt><dd>${escapeHtml(invoice.priceAmount)} ${escapeHtml(invoice.priceCurrency.toUpperCase())}</dd></dl>
<form method="post" action="${action}?iid=${encodeURIComponent(invoice.id)}">
<p><label>Coin <select name="payCurrency">${options(Object.keys(SANDBOX_COINS), invoice.payCurrency ?? defaultPayCurrency)}</select></label></p>
<p><label>Outcome <select name="outcome">${options(SANDBOX_OUTCOMES, 'finished')}</select></label></p>
<p><button type="submit">Pay</button></p></form>
${invoice.cancelUrl ? `<p><a href="${escapeHtml(invoice.cancelUrl)}">Cancel</a></p>` : ''}`,
  );

const paidHtml = (invoice: SandboxInvoice, paidBy: number) =>
  page(
    `Invoice ${invoice.id}: paid`,
    `<h1>Invoice ${escapeHtml(invoice.id)} is paid</h1>
<dl><dt>Order</dt><dd>${escapeHtml(invoice.orderId ?? '—')}</dd>
<dt>Amount</dt><dd>${escapeHtml(invoice.priceAmount)} ${escapeHtml(invoice.priceCurrency.toUpperCase())}</dd>
<dt>Payment</dt><dd>${paidBy} (finished)</dd></dl>
${invoice.successUrl ? `<p><a href="${escapeHtml(invoice.successUrl)}">Back to the shop</a></p>` : ''}`,
  );

const resultHtml = (invoice: SandboxInvoice, result: PayResult) =>
  page(
    `Payment ${result.paymentId}`,
    `<h1>Payment ${result.paymentId}: ${escapeHtml(result.statuses.at(-1) ?? '')}</h1>
<p>Paid ${escapeHtml(result.actuallyPaid)} of ${escapeHtml(result.payAmount)} ${escapeHtml(result.payCurrency.toUpperCase())}.</p>
<ol>${result.deliveries
      .map((d) => `<li>${escapeHtml(d.status)} → ${d.delivered ? 'delivered' : 'not delivered'} (${d.attempts.length} attempt(s))</li>`)
      .join('')}</ol>
${invoice.ipnCallbackUrl ? '' : '<p>This invoice has no ipn_callback_url, so no IPN was sent.</p>'}
${invoice.successUrl ? `<p><a href="${escapeHtml(invoice.successUrl)}">Back to the shop</a></p>` : ''}`,
  );

export const createCheckoutRoutes = (ledger: SandboxLedger, defaultPayCurrency: string) => {
  const checkout = new Hono();

  const show = (c: Context) => {
    const invoice = ledger.invoices.get(c.req.query('iid') ?? '');
    if (!invoice) return c.html(page('Not found', '<h1>Invoice not found</h1>'), 404);
    if (invoice.paidBy !== null) return c.html(paidHtml(invoice, invoice.paidBy));
    return c.html(checkoutHtml(invoice, defaultPayCurrency, c.req.path.endsWith('/') ? 'pay' : 'payment/pay'));
  };
  checkout.get('/payment', show);
  checkout.get('/payment/', show);

  checkout.post('/payment/pay', async (c) => {
    const invoice = ledger.invoices.get(c.req.query('iid') ?? '');
    if (!invoice) return c.html(page('Not found', '<h1>Invoice not found</h1>'), 404);
    const form = await c.req.parseBody();
    const outcome = String(form['outcome'] ?? 'finished');
    if (!(SANDBOX_OUTCOMES as readonly string[]).includes(outcome)) return c.html(page('Bad request', '<h1>Unknown outcome</h1>'), 400);
    try {
      const result = await ledger.pay(invoice.id, {
        outcome: outcome as SandboxOutcome,
        payCurrency: String(form['payCurrency'] ?? defaultPayCurrency),
      });
      return c.html(resultHtml(invoice, result));
    } catch (error) {
      // A form left open in another tab, sent after the invoice was paid: say so, take nothing.
      if (isPayGateError(error) && error.kind === 'conflict' && invoice.paidBy !== null) return c.html(paidHtml(invoice, invoice.paidBy), 409);
      if (isPayGateError(error)) return c.html(page('Bad request', `<h1>${escapeHtml(error.message)}</h1>`), 400);
      throw error;
    }
  });

  return checkout;
};
