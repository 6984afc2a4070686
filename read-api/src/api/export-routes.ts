import type { Hono } from 'hono';
import { formatMoney } from '@paygate/domain';
import { listPayments, listPayouts, MAX_PAYMENT_PAGE_SIZE, type PaymentPageKey, type PaymentView, type PayoutPageKey, type PayoutView } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { streamCsv } from './csv-export.ts';
import { parseQueryOnce } from './payout-params.ts';
import { PaymentExportQuerySchema, PayoutExportQuerySchema } from './report-params.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

const PAYMENT_HEADER = ['payment_id', 'invoice_id', 'channel_id', 'tier_id', 'subscriber_id', 'status', 'outcome', 'price', 'price_currency', 'paid', 'paid_currency', 'settled', 'settled_currency', 'first_seen_at', 'updated_at'];
const paymentRow = (p: PaymentView) => [
  p.paymentId, p.invoiceId, p.channelId, p.tierId, p.subscriberId, p.status, p.outcome,
  p.price ? formatMoney(p.price) : null, p.price?.currency ?? null,
  p.received ? formatMoney(p.received.actuallyPaid) : null, p.received?.actuallyPaid.currency ?? null,
  p.received ? formatMoney(p.received.outcome) : null, p.received?.outcome.currency ?? null,
  p.firstSeenAt, p.updatedAt,
];

const PAYOUT_HEADER = ['payout_id', 'channel_id', 'owner_id', 'purpose', 'status', 'amount', 'currency', 'received', 'received_currency', 'route', 'wallet_address', 'payout_hash', 'started_at', 'sent_at'];
const payoutRow = (p: PayoutView) => [
  p.payoutId, p.channelId, p.ownerId, p.purpose, p.status, formatMoney(p.amount), p.amount.currency,
  p.received ? formatMoney(p.received) : null, p.received?.currency ?? null, p.route, p.wallet?.address ?? null, p.payoutHash, p.startedAt, p.sentAt,
];

/** `GET /api/v1/payments.csv` and `GET /api/v1/payouts.csv`: every matching row, newest first, amounts exact. */
export const registerExportRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/payments.csv', async (c) => {
    const query = parseQueryOnce(PaymentExportQuerySchema, c.req.queries());
    const scope = await callerScope(c, { db, schema });
    return streamCsv<PaymentView>(c, {
      filename: 'payments.csv',
      header: PAYMENT_HEADER,
      row: paymentRow,
      page: async (after) => {
        const page = await readModel(() =>
          listPayments(db, schema, {
            scope,
            limit: MAX_PAYMENT_PAGE_SIZE,
            ...(query.channel ? { channelId: query.channel } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(after ? { after: after as PaymentPageKey } : {}),
          }),
        );
        return { rows: page.items, next: page.next };
      },
    });
  });
  app.get('/api/v1/payouts.csv', async (c) => {
    const query = parseQueryOnce(PayoutExportQuerySchema, c.req.queries());
    const scope = await callerScope(c, { db, schema });
    return streamCsv<PayoutView>(c, {
      filename: 'payouts.csv',
      header: PAYOUT_HEADER,
      row: payoutRow,
      page: async (after) => {
        const page = await readModel(() =>
          listPayouts(db, schema, {
            scope,
            limit: MAX_PAYMENT_PAGE_SIZE,
            ...(query.channel ? { channelId: query.channel } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(after ? { after: after as PayoutPageKey } : {}),
          }),
        );
        return { rows: page.items, next: page.next };
      },
    });
  });
};
