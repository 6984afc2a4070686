import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { call, createDashboardAuthHarness, dashboardReadApi, type DashboardAuthHarness } from './dashboard-auth-harness.ts';
import { A, OWNER_A, seedTwoOwners } from './owner-isolation-scenario.ts';
import { startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// The dashboard's reports as owner A reads them: CSV exports (A's rows only, exact amounts, no
// formula a spreadsheet would run), revenue in exact decimals, channels and subscribers.

/** RFC 4180 rows (quoted fields, doubled quotes) as objects keyed by the header row. */
const parseCsv = (text: string): Record<string, string>[] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      endField();
    } else if (!quoted && char === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (quoted || char !== '\r') {
      field += char;
    }
  }
  const [header = [], ...data] = rows;
  return data.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
};

describe("report endpoints as one owner reads them (live projections)", () => {
  let harness: ReadSideHarness;
  let dashboard: DashboardAuthHarness;
  let api: Hono<HttpEnv>;
  let token: string;

  const csv = async (path: string): Promise<Record<string, string>[]> => {
    const reply = await call(api, path, { token });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    return parseCsv(reply.text);
  };

  beforeAll(async () => {
    harness = await startReadSide('paygate_report_api');
    await seedTwoOwners(harness.commands);
    await harness.settle();
    dashboard = await createDashboardAuthHarness(harness.eventStore);
    api = dashboardReadApi(harness, dashboard);
    token = (await dashboard.login(OWNER_A)).accessToken;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("exports A's payments only, newest first, with exact decimal amounts and a neutralised formula-like tier id", async () => {
    const reply = await call(api, '/api/v1/payments.csv', { token });
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="payments.csv"');
    expect(reply.text.split(/\r?\n/)[0]).toMatch(/^payment_id,invoice_id,channel_id,tier_id,subscriber_id,status,outcome,price,/);
    const rows = await csv('/api/v1/payments.csv');
    expect(rows.map((row) => [row.payment_id, row.channel_id, row.tier_id, row.status])).toEqual([
      [A.formulaPayment, A.channel, `'${A.formulaTier}`, 'waiting'],
      [A.payment, A.channel, 'basic', 'finished'],
    ]);
    expect(rows[1]).toMatchObject({ price: '12.50', price_currency: 'USD', paid: '49.710000', paid_currency: 'USDTTRC20', settled: A.outcome, settled_currency: 'USDTTRC20', kind: 'subscription' });
    expect(rows[0]).toMatchObject({ price: '5.00', paid: '', settled: '' });
    expect(reply.text).not.toMatch(/(^|,)=/m);
    expect((await csv(`/api/v1/payments.csv?status=finished&channel=${A.channel}`)).map((row) => row.payment_id)).toEqual([A.payment]);
  });

  it("exports A's payouts only, with the owner share and what arrived, exactly", async () => {
    const rows = await csv('/api/v1/payouts.csv');
    expect(rows).toEqual([
      expect.objectContaining({ payout_id: A.payout, channel_id: A.channel, owner_id: OWNER_A, status: 'sent', amount: A.ownerShare, currency: 'USDTTRC20', received: '47.000000', received_currency: 'USDTMATIC' }),
    ]);
  });

  it('answers an empty export with the header row alone', async () => {
    const reply = await call(api, '/api/v1/payouts.csv?status=failed', { token });
    expect(reply.status).toBe(200);
    expect(reply.text.trim().split(/\r?\n/)).toHaveLength(1);
  });

  it("gives A's revenue per month and per day in exact decimal strings", async () => {
    const month = (await call(api, '/api/v1/revenue?interval=month&from=2025-12-01&to=2026-03-01', { token })).body;
    expect(month).toMatchObject({ interval: 'month', from: '2025-12-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(month.points).toEqual([
      {
        periodStart: '2026-01-01T00:00:00.000Z',
        currency: 'USDTTRC20',
        payments: 1,
        gross: { amount: A.outcome, currency: 'USDTTRC20', decimals: 6, minorUnits: '49212900' },
        fees: { amount: A.fee, currency: 'USDTTRC20', decimals: 6, minorUnits: '1230322' },
        ownerShare: { amount: A.ownerShare, currency: 'USDTTRC20', decimals: 6, minorUnits: '47982578' },
      },
    ]);
    const day = (await call(api, `/api/v1/revenue?interval=day&from=2026-01-01&to=2026-01-08&channel=${A.channel}`, { token })).body;
    expect(day.points.map((point: { periodStart: string; gross: { amount: string } }) => [point.periodStart, point.gross.amount])).toEqual([['2026-01-01T00:00:00.000Z', A.outcome]]);
    expect((await call(api, '/api/v1/revenue?interval=year', { token })).status).toBe(400);
    expect((await call(api, '/api/v1/revenue?from=2026-02-01&to=2026-01-01', { token })).status).toBe(400);
  });

  it("lists A's channel with its tiers and subscriber counts, and its subscriber with channel and tier names", async () => {
    const channels = (await call(api, '/api/v1/channels', { token })).body;
    expect(channels).toMatchObject({ limit: 20, nextCursor: null, items: [{ id: A.channel, ownerId: OWNER_A, title: A.title, subscribers: 1 }] });
    expect(channels.items[0].tiers.map((tier: { id: string; price: { amount: string } }) => [tier.id, tier.price.amount])).toEqual([
      [A.formulaTier, '5.00'],
      ['basic', '12.50'],
    ]);
    const subscribers = (await call(api, '/api/v1/subscribers', { token })).body;
    expect(subscribers.items).toEqual([expect.objectContaining({ channelId: A.channel, channelTitle: A.title, subscriberId: A.subscriber, tierId: 'basic', tierName: 'Basic' })]);
  });
});
