import type { Hono } from 'hono';
import type * as v from 'valibot';
import { formatMoney } from '@paygate/domain';
import {
  listPayments,
  listPayouts,
  MAX_PAYMENT_PAGE_SIZE,
  openReadSnapshot,
  type AnyKysely,
  type OwnerScope,
  type PaymentPageKey,
  type PaymentView,
  type PayoutPageKey,
  type PayoutStatus,
  type PayoutView,
} from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { streamCsv, type CsvPage } from './csv-export.ts';
import { parseQueryOnce } from './payout-params.ts';
import { PaymentExportQuerySchema, PayoutExportQuerySchema } from './report-params.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

// kind (subscription|donation) last: the columns from before donations keep their positions.
const PAYMENT_HEADER = ['payment_id', 'invoice_id', 'channel_id', 'tier_id', 'subscriber_id', 'status', 'outcome', 'price', 'price_currency', 'paid', 'paid_currency', 'settled', 'settled_currency', 'first_seen_at', 'updated_at', 'kind'];
const paymentRow = (p: PaymentView) => [
  p.paymentId, p.invoiceId, p.channelId, p.tierId, p.subscriberId, p.status, p.outcome,
  p.price ? formatMoney(p.price) : null, p.price?.currency ?? null,
  p.received ? formatMoney(p.received.actuallyPaid) : null, p.received?.actuallyPaid.currency ?? null,
  p.received ? formatMoney(p.received.outcome) : null, p.received?.outcome.currency ?? null,
  p.firstSeenAt, p.updatedAt, p.kind,
];

const PAYOUT_HEADER = ['payout_id', 'channel_id', 'owner_id', 'purpose', 'status', 'amount', 'currency', 'received', 'received_currency', 'route', 'wallet_address', 'payout_hash', 'started_at', 'sent_at'];
const payoutRow = (p: PayoutView) => [
  p.payoutId, p.channelId, p.ownerId, p.purpose, p.status, formatMoney(p.amount), p.amount.currency,
  p.received ? formatMoney(p.received) : null, p.received?.currency ?? null, p.route, p.wallet?.address ?? null, p.payoutHash, p.startedAt, p.sentAt,
];

type Scoped<Filter> = Filter & { scope: OwnerScope };
type Export<Filter, Row> = {
  path: string;
  filename: string;
  query: v.GenericSchema<unknown, Filter>;
  header: readonly string[];
  row: (item: Row) => readonly (string | number | boolean | null)[];
  page: (db: AnyKysely, schema: string, filter: Scoped<Filter>, after: unknown) => Promise<CsvPage<Row>>;
};

const paymentsExport: Export<v.InferOutput<typeof PaymentExportQuerySchema>, PaymentView> = {
  path: '/api/v1/payments.csv',
  filename: 'payments.csv',
  query: PaymentExportQuerySchema,
  header: PAYMENT_HEADER,
  row: paymentRow,
  page: async (db, schema, { scope, channel, status }, after) => {
    const options = { scope, limit: MAX_PAYMENT_PAGE_SIZE, ...(channel ? { channelId: channel } : {}), ...(status ? { status } : {}) };
    const page = await listPayments(db, schema, { ...options, ...(after ? { after: after as PaymentPageKey } : {}) });
    return { rows: page.items, next: page.next };
  },
};

const payoutsExport: Export<v.InferOutput<typeof PayoutExportQuerySchema>, PayoutView> = {
  path: '/api/v1/payouts.csv',
  filename: 'payouts.csv',
  query: PayoutExportQuerySchema,
  header: PAYOUT_HEADER,
  row: payoutRow,
  page: async (db, schema, { scope, channel, status }, after) => {
    const options = { scope, limit: MAX_PAYMENT_PAGE_SIZE, ...(channel ? { channelId: channel } : {}), ...(status ? { status: status satisfies PayoutStatus } : {}) };
    const page = await listPayouts(db, schema, { ...options, ...(after ? { after: after as PayoutPageKey } : {}) });
    return { rows: page.items, next: page.next };
  },
};

/**
 * `GET /api/v1/payments.csv` and `GET /api/v1/payouts.csv`: every matching row, newest first,
 * amounts exact, all pages read in one snapshot of the read models.
 */
export const registerExportRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  const register = <Filter, Row>(spec: Export<Filter, Row>) =>
    app.get(spec.path, async (c) => {
      const filter = parseQueryOnce(spec.query, c.req.queries()) as Filter;
      const scope = await callerScope(c, { db, schema });
      const reading = { openSnapshot: () => readModel(() => openReadSnapshot(db)), logger: c.get('logger') };
      const page = (snapshot: AnyKysely, after: unknown) => readModel(() => spec.page(snapshot, schema, { ...filter, scope }, after));
      return streamCsv<Row>(c, reading, { filename: spec.filename, header: spec.header, row: spec.row, page });
    });
  register(paymentsExport);
  register(payoutsExport);
};
