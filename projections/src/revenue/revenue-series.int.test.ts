import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadModelDb, type ReadModelDb } from '../test-support/read-model-db.ts';
import { readModelRows } from '../test-support/read-model-rows.ts';
import { revenueSeries, type RevenueInterval, type RevenueQuery } from './revenue-series.ts';

// Revenue buckets from split rows: exact sums past 2^53 (18-decimal coins), UTC day/ISO week/month
// boundaries, an owner's channels only.
let rm: ReadModelDb;
const A = { ownerId: '100' };
const ETH = 10n ** 18n;
const from = new Date('2026-01-01T00:00:00.000Z');
const to = new Date('2027-01-01T00:00:00.000Z');

beforeAll(async () => {
  rm = await startReadModelDb('paygate_revenue');
  const rows = readModelRows(rm.db, rm.schema);
  await rows.channel({ channelId: 'a1', ownerId: '100', position: 1 });
  await rows.channel({ channelId: 'a2', ownerId: '100', position: 2 });
  await rows.channel({ channelId: 'b1', ownerId: '200', position: 3 });
  let n = 0;
  const split = (channelId: string, calculatedAt: string, gross: bigint, fee: bigint, currency = 'ETH', decimals = 18) =>
    rows.split({ paymentId: `p${(n += 1)}`, invoiceId: 'inv', channelId, calculatedAt, gross, fee, currency, decimals });
  // Saturday 28 Feb (late), Sunday 1 Mar, Monday 2 Mar twice (start and end of the UTC day), Tuesday 3 Mar.
  await split('a1', '2026-02-28T23:59:59.999Z', 1n * ETH + 1n, 3n);
  await split('a1', '2026-03-01T00:00:00.000Z', 9_007_199_254_740_993n, 7n);
  await split('a2', '2026-03-02T00:00:00.000Z', 5n * ETH + 11n, 5n * (ETH / 100n));
  await split('a2', '2026-03-02T23:59:59.999Z', 7n * ETH + 13n, 7n * (ETH / 100n));
  await split('a1', '2026-03-03T12:00:00.000Z', 1_250_000n, 62_500n, 'USDTTRC20', 6);
  await split('b1', '2026-03-02T12:00:00.000Z', 1000n * ETH, 50n * ETH);
  await split('a1', '2027-01-01T00:00:00.000Z', 1n, 0n); // at `to`: outside [from, to)
});
afterAll(() => rm?.close());

const series = (interval: RevenueInterval, extra: Partial<RevenueQuery> = {}, db = rm.db) =>
  revenueSeries(db, rm.schema, { scope: A, interval, from, to, ...extra }).then((points) =>
    points.map((p) => [p.periodStart.slice(0, 10), p.currency, p.payments, p.gross, p.fees, p.ownerShare]),
  );

describe('revenueSeries', () => {
  it('buckets by UTC day, sums exactly beyond 2^53, one point per currency, only non-empty buckets', async () => {
    expect(await series('day')).toEqual([
      ['2026-02-28', 'ETH', 1, ETH + 1n, 3n, ETH - 2n],
      ['2026-03-01', 'ETH', 1, 9_007_199_254_740_993n, 7n, 9_007_199_254_740_986n],
      ['2026-03-02', 'ETH', 2, 12n * ETH + 24n, 12n * (ETH / 100n), 12n * ETH + 24n - 12n * (ETH / 100n)],
      ['2026-03-03', 'USDTTRC20', 1, 1_250_000n, 62_500n, 1_187_500n],
    ]);
  });

  it('buckets by ISO week (Monday) and by month, with decimals from the rows', async () => {
    expect(await series('week')).toEqual([
      ['2026-02-23', 'ETH', 2, ETH + 1n + 9_007_199_254_740_993n, 10n, ETH + 1n + 9_007_199_254_740_993n - 10n],
      ['2026-03-02', 'ETH', 2, 12n * ETH + 24n, 12n * (ETH / 100n), 12n * ETH + 24n - 12n * (ETH / 100n)],
      ['2026-03-02', 'USDTTRC20', 1, 1_250_000n, 62_500n, 1_187_500n],
    ]);
    const months = await revenueSeries(rm.db, rm.schema, { scope: A, interval: 'month', from, to });
    expect(months.map((p) => [p.periodStart, p.currency, p.decimals, p.payments, p.gross])).toEqual([
      ['2026-02-01T00:00:00.000Z', 'ETH', 18, 1, ETH + 1n],
      ['2026-03-01T00:00:00.000Z', 'ETH', 18, 3, 12n * ETH + 24n + 9_007_199_254_740_993n],
      ['2026-03-01T00:00:00.000Z', 'USDTTRC20', 6, 1, 1_250_000n],
    ]);
  });

  it("buckets in UTC whatever the session's time zone", async () => {
    const pool = new pg.Pool({ connectionString: rm.url, max: 1, options: '-c timezone=Pacific/Kiritimati' });
    const elsewhere = new Kysely({ dialect: new PostgresDialect({ pool }) });
    try {
      expect(await series('day', {}, elsewhere)).toEqual(await series('day'));
    } finally {
      await elsewhere.destroy();
    }
  });

  it("only the scope's channels; a foreign channel finds nothing; unscoped sums all", async () => {
    expect(await series('day', { channelId: 'b1' })).toEqual([]);
    expect(await series('month', { scope: { ownerId: '200' } })).toEqual([['2026-03-01', 'ETH', 1, 1000n * ETH, 50n * ETH, 950n * ETH]]);
    expect(await series('day', { scope: { ownerId: '999' } })).toEqual([]);
    const all = await revenueSeries(rm.db, rm.schema, { interval: 'month', from, to });
    expect(all.map((p) => [p.currency, p.payments])).toEqual([['ETH', 1], ['ETH', 4], ['USDTTRC20', 1]]);
    expect(await series('day', { channelId: 'a2' })).toEqual([['2026-03-02', 'ETH', 2, 12n * ETH + 24n, 12n * (ETH / 100n), 12n * ETH + 24n - 12n * (ETH / 100n)]]);
  });

  it('the range is [from, to); an unknown interval is a validation error', async () => {
    const points = await revenueSeries(rm.db, rm.schema, { scope: A, interval: 'day', from: new Date('2026-03-01T00:00:00.000Z'), to: new Date('2026-03-02T00:00:00.000Z') });
    expect(points.map((p) => p.periodStart)).toEqual(['2026-03-01T00:00:00.000Z']);
    // The split left out above at `to` is in the next range, at its `from`.
    expect(await series('day', { from: to, to: new Date('2027-01-02T00:00:00.000Z') })).toEqual([['2027-01-01', 'ETH', 1, 1n, 0n, 1n]]);
    await expect(revenueSeries(rm.db, rm.schema, { interval: "day'); DROP TABLE splits; --" as RevenueInterval, from, to })).rejects.toMatchObject({ kind: 'validation' });
  });
});
