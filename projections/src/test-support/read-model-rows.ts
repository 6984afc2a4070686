import type { Kysely } from 'kysely';
import type { OwnerBalancesDb } from '../balances/balances-tables.ts';
import type { ChannelsDb } from '../channels/channels-tables.ts';
import type { InvoicesDb } from '../invoices/invoices-tables.ts';
import type { PaymentsDb } from '../payments/payments-tables.ts';
import type { PayoutsDb } from '../payouts/payouts-tables.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SplitsDb } from '../splits/splits-tables.ts';
import type { SubscriptionsDb } from '../subscriptions/subscriptions-tables.ts';
import { NOT_REMINDED } from '../subscriptions/subscriptions-tables.ts';

type Db = ChannelsDb & InvoicesDb & PaymentsDb & SplitsDb & PayoutsDb & OwnerBalancesDb & SubscriptionsDb;
const T0 = '2026-01-01T00:00:00.000Z';
/** updated_commit = updated_prepare = `at`: tests order rows by a single number. */
const at = (position: number) => ({ updated_commit: String(position), updated_prepare: String(position) });

/** Writers of single read-model rows with plausible defaults, for query tests. */
export const readModelRows = (db: AnyKysely, schema: string) => {
  const scoped = (db as Kysely<Db>).withSchema(schema);
  return {
    channel: (c: { channelId: string; ownerId: string; position: number; title?: string }) =>
      scoped
        .insertInto('channels')
        .values({ channel_id: c.channelId, chat_id: '-100123', owner_id: c.ownerId, title: c.title ?? `Title ${c.channelId}`, registered_at: T0, ...at(c.position) })
        .execute(),
    tier: (t: { channelId: string; tierId: string; name: string }) =>
      scoped
        .insertInto('channel_tiers')
        .values({
          channel_id: t.channelId,
          tier_id: t.tierId,
          name: t.name,
          price_amount: '1250',
          price_currency: 'USD',
          price_decimals: 2,
          duration_days: 30,
          first_priced_at: T0,
          priced_at: T0,
          revisions: 1,
          ...at(1),
        })
        .execute(),
    invoice: (i: { invoiceId: string; channelId: string }) =>
      scoped
        .insertInto('invoices')
        .values({
          invoice_id: i.invoiceId,
          channel_id: i.channelId,
          tier_id: 'monthly',
          subscriber_id: '777',
          purpose: 'subscription',
          subscriber_hidden: false,
          price_amount: '1250',
          price_currency: 'USD',
          price_decimals: 2,
          duration_days: 30,
          created_at: T0,
          payment_ids: [],
          updated_at: T0,
          ...at(1),
        })
        .execute(),
    payment: (p: { paymentId: string; invoiceId: string; channelId: string | null; position: number; status?: string }) =>
      scoped
        .insertInto('payments')
        .values({
          payment_id: p.paymentId,
          invoice_id: p.invoiceId,
          channel_id: p.channelId,
          kind: 'subscription',
          status: p.status ?? 'finished',
          reported_price_amount: '12.5',
          reported_price_currency: 'USD',
          actually_paid: '12.5',
          pay_currency: 'USDTTRC20',
          conflicts: 0,
          first_seen_at: T0,
          updated_at: T0,
          ...at(p.position),
        })
        .execute(),
    split: (s: { paymentId: string; invoiceId: string; channelId: string; calculatedAt?: string; gross?: bigint; fee?: bigint; currency?: string; decimals?: number }) => {
      const gross = s.gross ?? 1000n;
      const fee = s.fee ?? 50n;
      return scoped
        .insertInto('splits')
        .values({
          payment_id: s.paymentId,
          invoice_id: s.invoiceId,
          channel_id: s.channelId,
          owner_id: null,
          currency: s.currency ?? 'USDTTRC20',
          decimals: s.decimals ?? 6,
          gross_amount: gross.toString(),
          fee_bps: 500,
          fee_amount: fee.toString(),
          owner_share_amount: (gross - fee).toString(),
          calculated_at: s.calculatedAt ?? T0,
        })
        .execute();
    },
    payout: (p: { payoutId: string; channelId: string; ownerId: string | null; position: number }) =>
      scoped
        .insertInto('payouts')
        .values({
          payout_id: p.payoutId,
          channel_id: p.channelId,
          owner_id: p.ownerId,
          currency: 'USDTTRC20',
          decimals: 6,
          amount: '950',
          payment_ids: [],
          status: 'running',
          transfers: '[]',
          started_at: T0,
          updated_at: T0,
          ...at(p.position),
        })
        .execute(),
    balance: (b: { channelId: string; ownerId: string | null; received: bigint }) =>
      scoped
        .insertInto('owner_balances')
        .values({
          channel_id: b.channelId,
          currency: 'USDTTRC20',
          owner_id: b.ownerId,
          decimals: 6,
          received: b.received.toString(),
          fees: '0',
          pending: b.received.toString(),
          in_payout: '0',
          paid_out: '0',
          converted_in: '0',
          converted_out: '0',
          ...at(1),
        })
        .execute(),
    subscription: (s: { channelId: string; subscriberId: string; position: number; status?: 'active' | 'expired'; endsAt?: string; tierId?: string }) =>
      scoped
        .insertInto('subscriptions')
        .values({
          channel_id: s.channelId,
          subscriber_id: s.subscriberId,
          tier_id: s.tierId ?? 'monthly',
          status: s.status ?? 'active',
          starts_at: T0,
          ends_at: s.endsAt ?? '2026-02-01T00:00:00.000Z',
          period_since: T0,
          reminded_days: NOT_REMINDED,
          notice_pending: false,
          last_invoice_id: 'inv',
          ...at(s.position),
        })
        .execute(),
  };
};
