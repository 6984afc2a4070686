import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { findUnmatchedPayment } from '@paygate/projections';
import type { HttpEnv } from '@paygate/http';
import { createReadApi } from '@paygate/read-api';
import { createHttpApp } from '../http/index.ts';
import { createLogger } from '../logging/index.ts';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from './read-side-harness.ts';
import { BULK_PAYMENTS, seedScenario } from './read-side-scenario.ts';

const KEY = 'operator-key-0123456789abcdef';
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

describe('read API over real projections (PostgreSQL event store)', () => {
  let harness: ReadSideHarness;
  let api: Hono<HttpEnv>;

  const get = async (path: string, key: string | null = KEY) => {
    const response = await api.request(path, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
    const text = await response.text();
    return { response, status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };

  const expectProblem = (result: { response: Response; status: number; body: Json }, status: number, kind: string) => {
    expect(result.status).toBe(status);
    expect(result.response.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body).toMatchObject({ status, type: `urn:paygate:problem:${kind}` });
    expect(result.body.errorId).toEqual(expect.any(String));
    expect(JSON.stringify(result.body)).not.toMatch(/stack|at .*\.ts|select |postgres/i);
  };

  beforeAll(async () => {
    harness = await startReadSide('paygate_read_api');
    await seedScenario(harness.commands);
    await harness.settle();
    api = createReadApi({ db: harness.db, schema: LIVE_SCHEMA, operatorKey: KEY, logger });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows an invoice with its payments, current status, price and split as exact decimal strings', async () => {
    const { status, body, response } = await get('/api/v1/invoices/inv-1');
    expect(status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      id: 'inv-1',
      channelId: 'ch-1',
      tierId: 'basic',
      subscriberId: '2002',
      price: { amount: '12.50', currency: 'USD', decimals: 2, minorUnits: '1250' },
      durationDays: 30,
      provider: { invoiceId: 'np-inv-1', url: 'https://nowpayments.io/payment/?iid=np-inv-1' },
      // pay-2 (a re-deposit) moved on afterwards, but the paying payment speaks for a paid invoice.
      paymentStatus: 'finished',
      paid: true,
      paidPaymentId: 'pay-1',
      paymentIds: ['pay-1', 'pay-2'],
    });
    expect(body.payments.map((p: Json) => [p.id, p.status, p.outcome])).toEqual([
      ['pay-1', 'finished', 'received'],
      ['pay-2', 'partially_paid', 'redeposit'],
    ]);
    const [paid, redeposit] = body.payments as Json[];
    expect(paid).toMatchObject({
      price: { amount: '12.50', currency: 'USD', minorUnits: '1250' },
      reported: { priceAmount: '12.5', priceCurrency: 'USD', actuallyPaid: '49.71', payCurrency: 'USDTTRC20', outcomeAmount: '49.2129' },
      received: {
        actuallyPaid: { amount: '49.710000', currency: 'USDTTRC20', decimals: 6, minorUnits: '49710000' },
        outcome: { amount: '49.212900', currency: 'USDTTRC20', decimals: 6, minorUnits: '49212900' },
      },
      // docs/payments.md's worked example: 250 bps of 49.212900 → fee 1.230322, owner 47.982578.
      split: {
        feeBps: 250,
        gross: { amount: '49.212900', minorUnits: '49212900' },
        fee: { amount: '1.230322', minorUnits: '1230322' },
        ownerShare: { amount: '47.982578', minorUnits: '47982578' },
      },
    });
    expect(redeposit).toMatchObject({ parentPaymentId: 'pay-1', received: null, split: null, reported: { actuallyPaid: '1.5' } });
  });

  it('shows one payment with its split', async () => {
    const { status, body } = await get('/api/v1/payments/pay-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'pay-1', invoiceId: 'inv-1', channelId: 'ch-1', status: 'finished', split: { fee: { amount: '1.230322' } } });
    expect((await get('/api/v1/payments/pay-3')).body).toMatchObject({ status: 'expired', split: null });
  });

  it('shows an unpaid invoice: expired, then a conflicting finished that did not change the status', async () => {
    const { body } = await get('/api/v1/invoices/inv-2');
    expect(body).toMatchObject({ price: { amount: '120.00', minorUnits: '12000' }, paymentStatus: 'expired', paid: false, provider: null });
    expect(body.payments).toHaveLength(1);
    expect(body.payments[0]).toMatchObject({ id: 'pay-3', status: 'expired', outcome: 'expired', conflicts: 1 });
  });

  it('lists 20 payments by default, with a cursor to the rest', async () => {
    const { status, body } = await get('/api/v1/payments');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(20);
    expect(body).toMatchObject({ limit: 20, nextCursor: expect.any(String) });
  });

  it('filters payments by invoice, status and channel', async () => {
    const ids = async (query: string) => (await get(`/api/v1/payments?${query}`)).body.items.map((p: Json) => p.id).sort();
    expect(await ids('invoice=inv-1')).toEqual(['pay-1', 'pay-2']);
    expect(await ids('status=expired')).toEqual(['pay-3']);
    expect(await ids('status=partially_paid')).toEqual(['pay-2', 'pay-4']);
    expect(await ids('status=partially_paid&channel=ch-2')).toEqual(['pay-4']);
    expect(await ids('status=finished&channel=ch-2')).toEqual(['pay-5']);
    expect(await ids('invoice=inv-1&status=waiting')).toEqual([]);
    const underpaid = (await get('/api/v1/payments?invoice=inv-3')).body.items[0];
    expect(underpaid).toMatchObject({ outcome: 'underpaid', reported: { payAmount: '3.02', actuallyPaid: '1' }, price: { amount: '3.00' } });
    const mismatched = (await get('/api/v1/payments?invoice=inv-4')).body.items[0];
    expect(mismatched).toMatchObject({ outcome: 'mismatched', reported: { priceAmount: '3.5' }, price: { amount: '3.00' }, received: null });
  });

  it('pages through a channel newest first with opaque cursors: no duplicates, no gaps', async () => {
    const all = await get('/api/v1/payments?channel=ch-2&limit=100');
    expect(all.body.nextCursor).toBeNull();
    const expected = (all.body.items as Json[]).map((p) => p.id);
    expect(expected).toHaveLength(BULK_PAYMENTS + 2);
    // Newest change first: the last bulk payment to be confirmed leads.
    expect(expected[0]).toBe('bulk-pay-21');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: Json; status: number } = await get(`/api/v1/payments?channel=ch-2&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      expect(page.body.limit).toBe(7);
      seen.push(...page.body.items.map((p: Json) => p.id));
      cursor = page.body.nextCursor;
      if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps paging the rows it had not shown yet while new payments arrive', async () => {
    const first = await get('/api/v1/payments?status=waiting&limit=5');
    const before = (await get('/api/v1/payments?status=waiting&limit=100')).body.items.map((p: Json) => p.id);
    await harness.commands.createInvoice('late-1', 'ch-2', 'monthly');
    await harness.commands.ipn('late-pay-1', 'late-1', 'waiting', { priceAmount: 3 });
    await harness.settle();
    const rest: string[] = [];
    let cursor: string | null = first.body.nextCursor;
    while (cursor !== null) {
      const page: { body: Json } = await get(`/api/v1/payments?status=waiting&limit=5&cursor=${cursor}`);
      rest.push(...page.body.items.map((p: Json) => p.id));
      cursor = page.body.nextCursor;
    }
    // The new payment is newer than the first page, so it is not in the later ones; nothing older is lost.
    expect([...first.body.items.map((p: Json) => p.id), ...rest]).toEqual(before);
    const now = (await get('/api/v1/payments?status=waiting&limit=1')).body.items.map((p: Json) => p.id);
    expect(now).toEqual(['late-pay-1']);
  });

  it('shows a channel with its tiers: re-priced, retired, prices as decimal strings', async () => {
    const { status, body } = await get('/api/v1/channels/ch-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'ch-1', chatId: '-1001234567890', ownerId: '1001', title: 'Alpha signals' });
    expect(body.tiers.map((t: Json) => [t.id, t.price.amount, t.durationDays, t.retired])).toEqual([
      ['basic', '12.50', 30, false],
      ['old', '5.00', 7, true],
      ['pro', '120.00', 365, false],
    ]);
    const pro = body.tiers.find((t: Json) => t.id === 'pro');
    expect(pro.price).toEqual({ amount: '120.00', currency: 'USD', decimals: 2, minorUnits: '12000' });
    expect(Date.parse(pro.pricedAt)).toBeGreaterThan(Date.parse(pro.firstPricedAt));
    expect(body.tiers.find((t: Json) => t.id === 'old').retiredAt).toEqual(expect.any(String));
  });

  it('keeps IPNs for unknown orders as unmatched payments', async () => {
    const unmatched = await findUnmatchedPayment(harness.db, LIVE_SCHEMA, 'pay-6');
    expect(unmatched).toMatchObject({ orderId: null, status: 'finished', statuses: ['waiting', 'finished'] });
    expect(await findUnmatchedPayment(harness.db, LIVE_SCHEMA, 'pay-7')).toMatchObject({ orderId: 'inv-unknown', status: 'waiting' });
    expect((await get('/api/v1/payments?invoice=inv-unknown')).body.items).toEqual([]);
  });

  it('answers 401 problem+json without a key, with a wrong key or another scheme', async () => {
    for (const key of [null, 'operator-key-0123456789abcdeX', `${KEY}x`, '']) {
      const result = await get('/api/v1/invoices/inv-1', key);
      expectProblem(result, 401, 'unauthorized');
      expect(result.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(JSON.stringify(result.body)).not.toContain(KEY);
    }
    const basic = await api.request('/api/v1/payments', { headers: { authorization: `Basic ${KEY}` } });
    expect(basic.status).toBe(401);
    // Unknown routes under /api/v1 are behind the key too: nothing about them leaks.
    expect((await get('/api/v1/nothing-here', null)).status).toBe(401);
  });

  it('stays closed (503, naming the variable) when no operator key is configured', async () => {
    for (const operatorKey of [undefined, '']) {
      const closed = createReadApi({ db: harness.db, schema: LIVE_SCHEMA, operatorKey, logger });
      for (const authorization of [undefined, `Bearer ${KEY}`, 'Bearer ', 'Bearer undefined']) {
        const response = await closed.request('/api/v1/invoices/inv-1', { headers: authorization ? { authorization } : {} });
        const body = (await response.json()) as Json;
        expectProblem({ response, status: response.status, body }, 503, 'unavailable');
        expect(body.detail).toContain('PAYGATE_OPERATOR_KEY');
      }
    }
  });

  it('answers 503 (not 500) while the read models are not projected yet', async () => {
    const early = createReadApi({ db: harness.db, schema: 'not_projected_yet', operatorKey: KEY, logger });
    const response = await early.request('/api/v1/channels/ch-1', { headers: { authorization: `Bearer ${KEY}` } });
    const body = (await response.json()) as Json;
    expectProblem({ response, status: response.status, body }, 503, 'unavailable');
  });

  it('answers 404 problem+json for unknown ids', async () => {
    const invoice = await get('/api/v1/invoices/no-such-invoice');
    expectProblem(invoice, 404, 'not_found');
    expect(invoice.body.details).toEqual({ invoiceId: 'no-such-invoice' });
    expectProblem(await get('/api/v1/channels/no-such-channel'), 404, 'not_found');
    expectProblem(await get('/api/v1/payments/no-such-payment'), 404, 'not_found');
    expectProblem(await get('/api/v1/no-such-route'), 404, 'not_found');
  });

  it('answers 400 problem+json naming the bad parameters', async () => {
    const cases: [string, string[]][] = [
      ['/api/v1/payments?limit=0', ['limit']],
      ['/api/v1/payments?limit=101', ['limit']],
      ['/api/v1/payments?limit=ten', ['limit']],
      ['/api/v1/payments?status=paid', ['status']],
      ['/api/v1/payments?cursor=not-a-cursor', ['cursor']],
      ['/api/v1/payments?invoice=a%20b', ['invoice']],
      ['/api/v1/payments?order=asc', ['order']],
      ['/api/v1/payments?status=waiting&status=finished', ['status']],
      ['/api/v1/payments?limit=0&status=x', ['limit', 'status']],
      ['/api/v1/invoices/has%20space', ['id']],
      [`/api/v1/channels/${'x'.repeat(129)}`, ['id']],
    ];
    for (const [path, fields] of cases) {
      const result = await get(path);
      expectProblem(result, 400, 'validation');
      expect(result.body.details.issues.map((issue: Json) => issue.path).sort()).toEqual(fields);
      for (const field of fields) expect(result.body.detail).toContain(field);
    }
  });

  it('serves the same routes mounted in the infra HTTP shell', async () => {
    const shell = createHttpApp({ logger, readiness: [], routes: (app) => app.route('/', api) });
    const ok = await shell.request('/api/v1/channels/ch-2', { headers: { authorization: `Bearer ${KEY}`, 'x-request-id': 'req-42' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('req-42');
    expect(((await ok.json()) as Json).tiers[0].price.amount).toBe('3.00');
    const denied = await shell.request('/api/v1/channels/ch-2');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect((await shell.request('/api/v1/invoices/nope', { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(404);
  });
});
