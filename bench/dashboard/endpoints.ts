import type pg from 'pg';
import { DEFAULT_READ_MODEL_SCHEMA as S } from '@paygate/projections';
import type { PageKey } from '@paygate/read-api';

/** Who asks: the big owner or the small one, by cookie (dashboard pages) or bearer token (API). */
export type Asker = 'big' | 'small';
export type OwnerFacts = { ownerId: string; channelIds: string[] };

export type Endpoint = {
  label: string;
  path: string;
  asker: Asker;
  credential: 'cookie' | 'bearer';
  /** The plain SQL that returns the same rows, through the same pool; several run at once, as the route does. */
  baseline: (pool: pg.Pool, owner: OwnerFacts) => Promise<pg.QueryResult[]>;
  /** Row keys of the API's answer and of the baseline's, compared once: the same rows, in the same order. */
  keys?: { api: (body: unknown) => string[]; sql: (results: pg.QueryResult[]) => string[] };
};

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const NEWEST = 'ORDER BY updated_commit DESC, updated_prepare DESC';

const payments = (after?: PageKey, limit = 100) => (pool: pg.Pool, owner: OwnerFacts) =>
  Promise.all([
    after
      ? pool.query(`SELECT * FROM ${S}.payments WHERE channel_id = ANY($1) AND (updated_commit, updated_prepare, payment_id) < ($2::numeric, $3::numeric, $4) ${NEWEST}, payment_id DESC LIMIT ${limit}`, [
          owner.channelIds,
          after.position.commit.toString(),
          after.position.prepare.toString(),
          after.id,
        ])
      : pool.query(`SELECT * FROM ${S}.payments WHERE channel_id = ANY($1) ${NEWEST}, payment_id DESC LIMIT ${limit}`, [owner.channelIds]),
  ]);

const subscriberSelect = `SELECT s.*, coalesce(c.title, s.channel_id) AS channel_title, t.name AS tier_name FROM ${S}.subscriptions s
  LEFT JOIN ${S}.channels c ON c.channel_id = s.channel_id LEFT JOIN ${S}.channel_tiers t ON t.channel_id = s.channel_id AND t.tier_id = s.tier_id`;

const revenue = (interval: 'day' | 'month', from: Date, to: Date) => (pool: pg.Pool, owner: OwnerFacts) =>
  pool.query(
    `SELECT date_trunc('${interval}', calculated_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS period, currency, decimals, count(*) AS payments,
       sum(gross_amount) AS gross, sum(fee_amount) AS fees, sum(owner_share_amount) AS owner_share
     FROM ${S}.splits WHERE channel_id = ANY($1) AND calculated_at >= $2 AND calculated_at < $3 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [owner.channelIds, from, to],
  );
const activeCount = (pool: pg.Pool, owner: OwnerFacts) => pool.query(`SELECT count(*) FROM ${S}.subscriptions WHERE status = 'active' AND channel_id = ANY($1)`, [owner.channelIds]);

const items = (body: unknown) => (body as { items: Array<Record<string, string>> }).items;
const idsOf = (body: unknown) => items(body).map((item) => item.id!);
const columnOf = (column: string) => (results: pg.QueryResult[]) => results[0]!.rows.map((row: Record<string, string>) => row[column]!);
const pointsOf = (body: unknown) => (body as { points: Array<{ periodStart: string; currency: string; payments: number }> }).points.map((p) => `${p.periodStart.slice(0, 10)} ${p.currency} ${p.payments}`);
const bucketsOf = (results: pg.QueryResult[]) =>
  results[0]!.rows.map((row: { period: Date; currency: string; payments: string }) => `${row.period.toISOString().slice(0, 10)} ${row.currency} ${row.payments}`);

/**
 * What is measured, each next to its plain SELECT: the overview page (the four reads it makes at
 * once), the lists at 100 rows (payments also on a deep page and for a small owner), revenue by
 * day over the default 30 days and by month over a year. `deep` is a page boundary far into the
 * big owner's payments (the cursor the API issued there).
 */
export const dashboardEndpoints = (now: Date, deep: { cursor: string; key: PageKey; page: number }): Endpoint[] => {
  const tomorrow = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const monthFrom = new Date(tomorrow.getTime() - 365 * DAY_MS);
  const dayFrom = new Date(tomorrow.getTime() - 30 * DAY_MS);
  // The overview's four reads, at once as the page makes them.
  const overview = (pool: pg.Pool, owner: OwnerFacts) =>
    Promise.all([
      revenue('day', dayFrom, tomorrow)(pool, owner),
      activeCount(pool, owner),
      pool.query(`${subscriberSelect} WHERE s.channel_id = ANY($1) AND s.status = 'active' AND s.ends_at >= $2 AND s.ends_at < $3 ORDER BY s.ends_at, s.channel_id, s.subscriber_id LIMIT 20`, [
        owner.channelIds,
        now,
        new Date(now.getTime() + 7 * DAY_MS),
      ]),
      payments(undefined, 10)(pool, owner).then(([result]) => result!),
    ]);
  return [
    { label: 'GET /dashboard (overview, HTML)', path: '/dashboard', asker: 'big', credential: 'cookie', baseline: overview },
    { label: '  … a small owner', path: '/dashboard', asker: 'small', credential: 'cookie', baseline: overview },
    { label: 'GET /api/v1/payments?limit=100', path: '/api/v1/payments?limit=100', asker: 'big', credential: 'bearer', baseline: payments(), keys: { api: idsOf, sql: columnOf('payment_id') } },
    {
      label: `  … page ${deep.page} by cursor`,
      path: `/api/v1/payments?limit=100&cursor=${deep.cursor}`,
      asker: 'big',
      credential: 'bearer',
      baseline: payments(deep.key),
      keys: { api: idsOf, sql: columnOf('payment_id') },
    },
    { label: '  … a small owner', path: '/api/v1/payments?limit=100', asker: 'small', credential: 'bearer', baseline: payments(), keys: { api: idsOf, sql: columnOf('payment_id') } },
    {
      label: 'GET /api/v1/payouts?limit=100',
      path: '/api/v1/payouts?limit=100',
      asker: 'big',
      credential: 'bearer',
      baseline: (pool, owner) => Promise.all([pool.query(`SELECT * FROM ${S}.payouts WHERE channel_id = ANY($1) ${NEWEST}, payout_id DESC LIMIT 100`, [owner.channelIds])]),
      keys: { api: idsOf, sql: columnOf('payout_id') },
    },
    {
      label: 'GET /api/v1/subscribers?limit=100',
      path: '/api/v1/subscribers?limit=100',
      asker: 'big',
      credential: 'bearer',
      baseline: (pool, owner) =>
        Promise.all([pool.query(`${subscriberSelect} WHERE s.channel_id = ANY($1) ORDER BY s.updated_commit DESC, s.updated_prepare DESC, s.channel_id DESC, s.subscriber_id DESC LIMIT 100`, [owner.channelIds])]),
      keys: { api: (body) => items(body).map((item) => `${item.channelId}/${item.subscriberId}`), sql: (results) => results[0]!.rows.map((row: Record<string, string>) => `${row.channel_id}/${row.subscriber_id}`) },
    },
    {
      label: 'GET /api/v1/channels?limit=100',
      path: '/api/v1/channels?limit=100',
      asker: 'big',
      credential: 'bearer',
      // One statement: each channel with its tiers and subscriber counts.
      baseline: (pool, owner) =>
        Promise.all([
          pool.query(
            `SELECT c.*, n.active, n.total, t.tiers FROM ${S}.channels c
             LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'active') AS active, count(*) AS total FROM ${S}.subscriptions s WHERE s.channel_id = c.channel_id) n ON true
             LEFT JOIN LATERAL (SELECT json_agg(t ORDER BY t.tier_id) AS tiers FROM ${S}.channel_tiers t WHERE t.channel_id = c.channel_id) t ON true
             WHERE c.owner_id = $1 ORDER BY c.updated_commit DESC, c.updated_prepare DESC, c.channel_id DESC LIMIT 100`,
            [owner.ownerId],
          ),
        ]),
      keys: { api: idsOf, sql: columnOf('channel_id') },
    },
    {
      label: 'GET /api/v1/revenue?interval=day (30 days)',
      path: '/api/v1/revenue?interval=day',
      asker: 'big',
      credential: 'bearer',
      baseline: (pool, owner) => Promise.all([revenue('day', dayFrom, tomorrow)(pool, owner), activeCount(pool, owner)]),
      keys: { api: pointsOf, sql: bucketsOf },
    },
    {
      label: 'GET /api/v1/revenue?interval=month (1 year)',
      path: `/api/v1/revenue?interval=month&from=${isoDay(monthFrom)}&to=${isoDay(tomorrow)}`,
      asker: 'big',
      credential: 'bearer',
      baseline: (pool, owner) => Promise.all([revenue('month', monthFrom, tomorrow)(pool, owner), activeCount(pool, owner)]),
      keys: { api: pointsOf, sql: bucketsOf },
    },
  ];
};
