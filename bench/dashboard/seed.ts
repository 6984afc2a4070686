import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { DEFAULT_READ_MODEL_SCHEMA, ensureCheckpointTable, NOT_REMINDED, prepareProjection, readModelProjections } from '@paygate/projections';

export type SeedShape = {
  payments: number;
  owners: number;
  channelsPerOwner: number;
  /** Share of all payments that go to the big owner's channels. */
  bigShare: number;
};

export type SeededOwner = { ownerId: string; channelIds: string[]; payments: number; subscriptions: number; payouts: number };
export type Seeded = { big: SeededOwner; small: SeededOwner; rows: Record<string, number>; seconds: number };

const S = DEFAULT_READ_MODEL_SCHEMA;
const ownerIdOf = (index: number) => String(7_000_000_000 + index);

/**
 * The read models as the projector leaves them, written directly in bulk (generate_series): a read
 * benchmark needs the rows, not the events that fold into them. Channel k belongs to owner k/5;
 * owner 0 (the big owner) gets `bigShare` of the payments, subscriptions and payouts, the rest are
 * spread over every other channel with a skew (low channel numbers get more, the last owner least).
 * A year of history up to now, positions increasing with time, as the event log would order them.
 */
export const seedReadModels = async (pool: pg.Pool, shape: SeedShape): Promise<Seeded> => {
  const started = performance.now();
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await ensureCheckpointTable(db, S);
  for (const projection of readModelProjections) await prepareProjection(db, projection, S);
  // No db.destroy(): it would end the pool, which the benchmark goes on using.

  const channels = shape.owners * shape.channelsPerOwner;
  const per = shape.channelsPerOwner;
  const n = shape.payments;
  const client = await pool.connect();
  try {
    // One session: setseed makes random() repeatable, so every run seeds the same rows.
    await client.query('SELECT setseed(0.42)');
    const channelOf = (r1: string, r2: string) =>
      `CASE WHEN ${r1} < ${shape.bigShare} THEN floor(${r2} * ${per})::int ELSE ${per} + floor(power(${r2}, 2) * ${channels - per})::int END`;
    await client.query(`
      INSERT INTO ${S}.channels (channel_id, chat_id, owner_id, title, registered_at, updated_commit, updated_prepare)
      SELECT 'c' || (1000000 + k), (-1001000000000 - k)::text, (7000000000 + k / ${per})::text, 'Channel ' || k, now() - interval '400 days', k + 1, k + 1
      FROM generate_series(0, ${channels - 1}) k`);
    await client.query(`
      INSERT INTO ${S}.channel_tiers (channel_id, tier_id, name, price_amount, price_currency, price_decimals, duration_days, first_priced_at, priced_at, revisions, updated_commit, updated_prepare)
      SELECT c.channel_id, t.tier_id, t.name, t.price, 'USD', 2, t.days, c.registered_at, c.registered_at, 1, 1, 1
      FROM ${S}.channels c, (VALUES ('monthly', 'Monthly', 1250, 30), ('yearly', 'Yearly', 12000, 365)) t (tier_id, name, price, days)`);
    // 90 % finished (received, split), the rest partially paid, expired or failed.
    await client.query(`
      INSERT INTO ${S}.payments (payment_id, invoice_id, channel_id, tier_id, subscriber_id, status, outcome, price_amount, price_currency, price_decimals,
        reported_price_amount, reported_price_currency, pay_amount, actually_paid, pay_currency, outcome_amount, outcome_currency,
        received_paid_amount, received_paid_currency, received_paid_decimals, received_outcome_amount, received_outcome_currency, received_outcome_decimals,
        conflicts, first_seen_at, updated_at, updated_commit, updated_prepare)
      SELECT (5000000000 + g)::text, 'inv_' || g, 'c' || (1000000 + k), 'monthly', (100000000 + g % 40000)::text, st.status, st.outcome, 1250, 'USD', 2,
        '12.5', 'USD', '12.52', CASE st.status WHEN 'finished' THEN '12.52' WHEN 'partially_paid' THEN '6.1' ELSE '0' END, cur, fin.amount, fin.currency,
        fin.paid, fin.currency, fin.decimals, fin.outcome, fin.currency, fin.decimals,
        0, t, t + interval '2 minutes', g * 10, g * 10
      FROM (SELECT g, random() r1, random() r2, random() r3 FROM generate_series(1, ${n}) g) x,
        LATERAL (SELECT ${channelOf('r1', 'r2')} AS k, CASE WHEN g % 5 = 0 THEN 'USDTERC20' ELSE 'USDTTRC20' END AS cur,
                        now() - interval '365 days' + (g::float8 / ${n}) * interval '365 days' AS t) c,
        LATERAL (SELECT CASE WHEN r3 < 0.9 THEN 'finished' WHEN r3 < 0.94 THEN 'partially_paid' WHEN r3 < 0.97 THEN 'expired' ELSE 'failed' END AS status,
                        CASE WHEN r3 < 0.9 THEN 'received' WHEN r3 < 0.94 THEN 'underpaid' WHEN r3 < 0.97 THEN 'expired' ELSE 'failed' END AS outcome) st,
        LATERAL (SELECT CASE WHEN st.status = 'finished' THEN '12.41' END AS amount, CASE WHEN st.status = 'finished' THEN cur END AS currency,
                        CASE WHEN st.status = 'finished' THEN 12520000 END AS paid, CASE WHEN st.status = 'finished' THEN 12410000 END AS outcome,
                        CASE WHEN st.status = 'finished' THEN 6 END AS decimals) fin`);
    await client.query(`
      INSERT INTO ${S}.splits (payment_id, invoice_id, channel_id, owner_id, currency, decimals, gross_amount, fee_bps, fee_amount, owner_share_amount, calculated_at)
      SELECT p.payment_id, p.invoice_id, p.channel_id, c.owner_id, p.received_outcome_currency, 6, p.received_outcome_amount, 500,
        floor(p.received_outcome_amount * 500 / 10000), p.received_outcome_amount - floor(p.received_outcome_amount * 500 / 10000), p.updated_at
      FROM ${S}.payments p JOIN ${S}.channels c USING (channel_id) WHERE p.status = 'finished'`);
    // Subscriptions: 40 % of the payment count; periods ending from 60 days ago to 30 days ahead (a third active).
    await client.query(`
      INSERT INTO ${S}.subscriptions (channel_id, subscriber_id, tier_id, status, starts_at, ends_at, period_since, reminded_days, notice_pending, last_invoice_id, joined_at, updated_commit, updated_prepare)
      SELECT 'c' || (1000000 + k), (100000000 + g)::text, 'monthly', CASE WHEN e > now() THEN 'active' ELSE 'expired' END, e - interval '30 days', e, e - interval '30 days',
        ${NOT_REMINDED}, false, 'inv_' || g, e - interval '30 days', g * 10 + 3, g * 10 + 3
      FROM (SELECT g, random() r1, random() r2, random() r3 FROM generate_series(1, ${Math.round(n * 0.4)}) g) x,
        LATERAL (SELECT ${channelOf('r1', 'r2')} AS k, now() + (r3 * 90 - 60) * interval '1 day' AS e) c`);
    // Payouts: one per 20 payments, mostly sent.
    await client.query(`
      INSERT INTO ${S}.payouts (payout_id, channel_id, owner_id, currency, decimals, amount, payment_ids, wallet_address, wallet_network, wallet_currency, route, status,
        transfers, executed_tx_hash, executed_block, payout_hash, received_amount, received_currency, received_decimals, started_at, updated_at, sent_at, updated_commit, updated_prepare)
      SELECT 'po_' || g, 'c' || (1000000 + k), (7000000000 + k / ${per})::text, 'USDTTRC20', 6, 235790000, ARRAY[(5000000000 + g * 20)::text, (5000000001 + g * 20)::text],
        '0x' || substr(md5('w' || k), 1, 40), 'ethereum', 'USDTERC20', 'direct', st,
        CASE WHEN st = 'sent' THEN jsonb_build_array(jsonb_build_object('hash', '0x' || md5('t' || g) || md5('u' || g), 'nonce', g, 'to', '0x' || substr(md5('w' || k), 1, 40), 'replaces', null, 'signedAt', t)) ELSE '[]'::jsonb END,
        CASE WHEN st = 'sent' THEN '0x' || md5('t' || g) || md5('u' || g) END, CASE WHEN st = 'sent' THEN 19000000 + g END, CASE WHEN st = 'sent' THEN '0x' || md5('t' || g) || md5('u' || g) END,
        CASE WHEN st = 'sent' THEN 235790000 END, CASE WHEN st = 'sent' THEN 'USDTERC20' END, CASE WHEN st = 'sent' THEN 6 END,
        t, t + interval '5 minutes', CASE WHEN st = 'sent' THEN t + interval '5 minutes' END, g * 200 + 7, g * 200 + 7
      FROM (SELECT g, random() r1, random() r2, random() r3 FROM generate_series(1, ${Math.round(n / 20)}) g) x,
        LATERAL (SELECT ${channelOf('r1', 'r2')} AS k, now() - interval '365 days' + (g::float8 / ${Math.round(n / 20)}) * interval '365 days' AS t,
                        CASE WHEN r3 < 0.95 THEN 'sent' WHEN r3 < 0.98 THEN 'running' WHEN r3 < 0.99 THEN 'held' ELSE 'failed' END AS st) c`);
    // As autovacuum would soon after: statistics for the planner, the visibility map for index-only scans.
    await client.query(`VACUUM ANALYZE ${S}.channels, ${S}.channel_tiers, ${S}.payments, ${S}.splits, ${S}.subscriptions, ${S}.payouts`);

    const rows: Record<string, number> = {};
    for (const table of ['channels', 'payments', 'splits', 'subscriptions', 'payouts']) {
      rows[table] = Number((await client.query<{ n: string }>(`SELECT count(*) n FROM ${S}.${table}`)).rows[0]!.n);
    }
    const owner = async (index: number): Promise<SeededOwner> => {
      const ownerId = ownerIdOf(index);
      const channelIds = (await client.query<{ channel_id: string }>(`SELECT channel_id FROM ${S}.channels WHERE owner_id = $1 ORDER BY channel_id`, [ownerId])).rows.map((r) => r.channel_id);
      const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) n FROM ${S}.${table} WHERE channel_id = ANY($1)`, [channelIds])).rows[0]!.n);
      return { ownerId, channelIds, payments: await count('payments'), subscriptions: await count('subscriptions'), payouts: await count('payouts') };
    };
    return { big: await owner(0), small: await owner(shape.owners - 1), rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.release();
  }
};
