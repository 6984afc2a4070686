import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { createReadApi } from '@paygate/read-api';
import { createLogger } from '../logging/index.ts';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from './read-side-harness.ts';

const KEY = 'operator-key-0123456789abcdef';
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const WALLET = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
const AT = '2026-01-02T00:00:00.000Z';
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const usdt = (units: bigint) => ({ amount: units.toString(), currency: 'USDTTRC20', decimals: 6 });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

describe('read API: payouts and balances (PostgreSQL event store, live projections)', () => {
  let harness: ReadSideHarness;
  let api: Hono<HttpEnv>;
  const get = async (path: string) => {
    const response = await api.request(path, { headers: { authorization: `Bearer ${KEY}` } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const append = (streamId: string, type: string, data: Record<string, unknown>) =>
    harness.eventStore.append(streamId, [{ id: randomUUID(), type, data, metadata: {} }]);
  const split = (paymentId: string, channelId: string, gross: bigint, fee: bigint, ownerId?: string) =>
    append(`split-${paymentId}`, 'SplitCalculated', {
      paymentId,
      invoiceId: `inv-${paymentId}`,
      channelId,
      ...(ownerId ? { ownerId } : {}),
      gross: usdt(gross),
      feeBps: Number((fee * 10_000n) / gross),
      fee: usdt(fee),
      ownerShare: usdt(gross - fee),
      calculatedAt: AT,
    });
  const startPayout = async (payoutId: string, channelId: string, ownerId: string, paymentIds: string[], amount: bigint) => {
    await append(`payout-accumulation-${channelId}-usdttrc20`, 'BatchPayoutStarted', { channelId, payoutId, amount: usdt(amount), paymentIds, startedAt: AT });
    await append(`payout-${payoutId}`, 'PayoutStarted', { payoutId, paymentIds, channelId, ownerId, amount: usdt(amount), wallet: WALLET, route: 'swap', startedAt: AT });
  };

  beforeAll(async () => {
    harness = await startReadSide('paygate_payout_api');
    await split('p1', 'ch-1', 1_000_000n, 25_000n, '1001');
    await split('p2', 'ch-1', 2_000_000n, 50_000n, '1001');
    await split('p3', 'ch-2', 4_000_000n, 100_000n, '1002');
    await startPayout('ch-1-usdttrc20-1', 'ch-1', '1001', ['p1', 'p2'], 2_925_000n);
    await append('payout-ch-1-usdttrc20-1', 'TransferSigned', { payoutId: 'ch-1-usdttrc20-1', to: WALLET.address, nonce: 4, rawTransaction: '0x02', hash: hash(1), signedAt: AT });
    await append('payout-ch-1-usdttrc20-1', 'PayoutSent', {
      payoutId: 'ch-1-usdttrc20-1',
      channelId: 'ch-1',
      ownerId: '1001',
      amount: usdt(2_925_000n),
      payoutHash: hash(2),
      received: { amount: '2900000', currency: 'USDTMATIC', decimals: 6 },
      sentAt: AT,
    });
    await startPayout('ch-2-usdttrc20-1', 'ch-2', '1002', ['p3'], 3_900_000n);
    await append('payout-ch-2-usdttrc20-1', 'PayoutFailed', { payoutId: 'ch-2-usdttrc20-1', reason: 'exchange refunded', status: 'refunded', failedAt: AT });
    await harness.settle();
    api = createReadApi({ db: harness.db, schema: LIVE_SCHEMA, operatorKey: KEY, logger });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows a payout with exact decimal strings and its transfers; an unknown one is 404', async () => {
    const { status, body } = await get('/api/v1/payouts/ch-1-usdttrc20-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'ch-1-usdttrc20-1',
      channelId: 'ch-1',
      ownerId: '1001',
      purpose: null,
      status: 'sent',
      amount: { amount: '2.925000', currency: 'USDTTRC20', decimals: 6, minorUnits: '2925000' },
      received: { amount: '2.900000', currency: 'USDTMATIC', minorUnits: '2900000' },
      paymentIds: ['p1', 'p2'],
      wallet: WALLET,
      transfers: [{ hash: hash(1), nonce: 4, to: WALLET.address, replaces: null }],
      payoutHash: hash(2),
    });
    const missing = await get('/api/v1/payouts/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'urn:paygate:problem:not_found' });
  });

  it('lists payouts filtered by status, channel and owner, in cursor pages; a bad filter is a 400', async () => {
    const ids = async (query: string) => (await get(`/api/v1/payouts?${query}`)).body.items.map((p: Json) => p.id);
    expect(await ids('')).toEqual(['ch-2-usdttrc20-1', 'ch-1-usdttrc20-1']);
    expect(await ids('status=failed')).toEqual(['ch-2-usdttrc20-1']);
    expect(await ids('channel=ch-1')).toEqual(['ch-1-usdttrc20-1']);
    expect(await ids('owner=1002&status=sent')).toEqual([]);
    const first = await get('/api/v1/payouts?limit=1');
    expect(first.body).toMatchObject({ limit: 1, nextCursor: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    const second = await get(`/api/v1/payouts?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: Json) => p.id)).toEqual(['ch-1-usdttrc20-1']);
    expect(second.body.nextCursor).toBeNull();
    expect((await get('/api/v1/payouts?status=lost')).status).toBe(400);
    expect((await get('/api/v1/payouts?cursor=abc')).status).toBe(400);
    expect((await get('/api/v1/payouts?status=sent&status=failed')).status).toBe(400);
  });

  it('balances per owner and per channel, exactly; ?owner= narrows them', async () => {
    const { status, body } = await get('/api/v1/balances');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      {
        ownerId: '1001',
        channels: 1,
        currency: 'USDTTRC20',
        received: { amount: '3.000000', currency: 'USDTTRC20', decimals: 6, minorUnits: '3000000' },
        fees: { amount: '0.075000', currency: 'USDTTRC20', decimals: 6, minorUnits: '75000' },
        pending: { amount: '0.000000', currency: 'USDTTRC20', decimals: 6, minorUnits: '0' },
        inPayout: { amount: '0.000000', currency: 'USDTTRC20', decimals: 6, minorUnits: '0' },
        paidOut: { amount: '2.925000', currency: 'USDTTRC20', decimals: 6, minorUnits: '2925000' },
        convertedIn: { amount: '0.000000', currency: 'USDTTRC20', decimals: 6, minorUnits: '0' },
        convertedOut: { amount: '0.000000', currency: 'USDTTRC20', decimals: 6, minorUnits: '0' },
      },
      expect.objectContaining({ ownerId: '1002', pending: expect.objectContaining({ amount: '3.900000' }), inPayout: expect.objectContaining({ amount: '3.900000' }) }),
    ]);
    expect(body.channels.map((c: Json) => [c.channelId, c.ownerId])).toEqual([
      ['ch-1', '1001'],
      ['ch-2', '1002'],
    ]);
    const one = await get('/api/v1/balances?owner=1002');
    expect(one.body.items.map((b: Json) => b.ownerId)).toEqual(['1002']);
    expect(one.body.channels.map((c: Json) => c.channelId)).toEqual(['ch-2']);
    expect((await get('/api/v1/balances?owner=abc')).status).toBe(400);
  });

  it('given a conversion shared by two channels and allocated unevenly: the conversion is a payout with no owner; balances show converted out (ETH) and in (USDT)', async () => {
    const eth = (units: bigint) => ({ amount: units.toString(), currency: 'ETH', decimals: 18 });
    const usdterc20 = (units: bigint) => ({ amount: units.toString(), currency: 'USDTERC20', decimals: 6 });
    for (const [paymentId, channelId, ownerId, units] of [
      ['e1', 'ch-3', '1003', 2_000n],
      ['e2', 'ch-4', '1004', 1_000n],
    ] as const) {
      await append(`split-${paymentId}`, 'SplitCalculated', { paymentId, invoiceId: `inv-${paymentId}`, channelId, ownerId, gross: eth(units), feeBps: 0, fee: eth(0n), ownerShare: eth(units), calculatedAt: AT });
      await append('payout-conversion-pool-eth', 'SharePooled', { channelId, paymentId, amount: eth(units), pooledAt: AT });
    }
    await append('payout-conversion-pool-eth', 'ConversionStarted', {
      conversionId: 'conversion-eth-1',
      amount: eth(3_000n),
      toCurrency: 'USDTERC20',
      shares: [
        { channelId: 'ch-3', paymentIds: ['e1'], amount: eth(2_000n) },
        { channelId: 'ch-4', paymentIds: ['e2'], amount: eth(1_000n) },
      ],
      startedAt: AT,
    });
    const host = { address: WALLET.address, network: 'ethereum', currency: 'USDTERC20' };
    await append('payout-conversion-eth-1', 'PayoutStarted', { payoutId: 'conversion-eth-1', paymentIds: ['e1', 'e2'], channelId: 'platform', purpose: 'conversion', amount: eth(3_000n), wallet: host, route: 'swap', startedAt: AT });
    await append('payout-conversion-eth-1', 'PayoutSent', { payoutId: 'conversion-eth-1', channelId: 'platform', purpose: 'conversion', amount: eth(3_000n), payoutHash: hash(3), received: usdterc20(10n), sentAt: AT });
    // Largest remainder: 6.67 and 3.33 of 10 units give ch-3 7 and ch-4 3.
    for (const [channelId, paymentId, units, from] of [
      ['ch-3', 'e1', 7n, 2_000n],
      ['ch-4', 'e2', 3n, 1_000n],
    ] as const) {
      await append(`payout-accumulation-${channelId}-usdterc20`, 'PayoutAccumulated', { channelId, conversionId: 'conversion-eth-1', paymentIds: [paymentId], amount: usdterc20(units), from: eth(from), balance: usdterc20(units), accumulatedAt: AT });
    }
    await harness.settle();

    const shown = await get('/api/v1/payouts/conversion-eth-1');
    expect(shown.body).toMatchObject({ id: 'conversion-eth-1', channelId: 'platform', ownerId: null, purpose: 'conversion', status: 'sent', received: { minorUnits: '10', currency: 'USDTERC20' } });
    const { body } = await get('/api/v1/balances?owner=1003');
    expect(body.channels.map((c: Json) => [c.currency, c.pending.minorUnits, c.convertedIn.minorUnits, c.convertedOut.minorUnits])).toEqual([
      ['ETH', '0', '0', '2000'],
      ['USDTERC20', '7', '7', '0'],
    ]);
    expect(body.items.map((b: Json) => [b.ownerId, b.currency, b.convertedIn.minorUnits, b.convertedOut.minorUnits])).toEqual([
      ['1003', 'ETH', '0', '2000'],
      ['1003', 'USDTERC20', '7', '0'],
    ]);
  });
});
