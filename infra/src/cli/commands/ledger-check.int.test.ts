import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely } from '@paygate/projections';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore } from '../../event-store/index.ts';
import { createPool } from '../../postgres/index.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';
import type { PayoutJson } from './payouts-list.ts';

const WALLET = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
const AT = '2026-01-02T00:00:00.000Z';
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const usdt = (units: bigint) => ({ amount: units.toString(), currency: 'USDTTRC20', decimals: 6 });

let database: TestDatabase;
let pool: pg.Pool;
let db: AnyKysely;
let eventStore: EventStore;
beforeAll(async () => {
  database = await createTestDatabase('paygate_cli_ledger');
});
afterAll(async () => {
  await eventStore?.close();
  await db?.destroy(); // ends the pool
  await database?.drop();
});

/** `paygate <argv>` against the test database, as an operator would run it with DATABASE_URL. */
const paygate = paygateCli(() => ({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));

const append = (streamId: string, type: string, data: Record<string, unknown>) => eventStore.append(streamId, [{ id: randomUUID(), type, data, metadata: {} }]);
const split = (paymentId: string, channelId: string, gross: bigint, fee: bigint, ownerId: string) =>
  append(`split-${paymentId}`, 'SplitCalculated', {
    paymentId,
    invoiceId: `inv-${paymentId}`,
    channelId,
    ownerId,
    gross: usdt(gross),
    feeBps: Number((fee * 10_000n) / gross),
    fee: usdt(fee),
    ownerShare: usdt(gross - fee),
    calculatedAt: AT,
  });
const payout = async (payoutId: string, channelId: string, ownerId: string, paymentIds: string[], amount: bigint, sentAmount: bigint) => {
  await append(`payout-accumulation-${channelId}-usdttrc20`, 'BatchPayoutStarted', { channelId, payoutId, amount: usdt(amount), paymentIds, startedAt: AT });
  await append(`payout-${payoutId}`, 'PayoutStarted', { payoutId, paymentIds, channelId, ownerId, amount: usdt(amount), wallet: WALLET, route: 'direct', startedAt: AT });
  await append(`payout-${payoutId}`, 'TransferSigned', { payoutId, to: WALLET.address, nonce: 1, rawTransaction: '0x02', hash: hash(1), signedAt: AT });
  return append(`payout-${payoutId}`, 'PayoutSent', { payoutId, channelId, ownerId, amount: usdt(sentAmount), payoutHash: hash(1), received: usdt(sentAmount), sentAt: AT });
};

/** Runs every read-model projection until it has applied the log, as the projector role would. */
const project = async () => {
  const runner = createProjectionRunner({ db, eventStore, projection: readModelProjections, schema: DEFAULT_READ_MODEL_SCHEMA });
  await runner.start();
  try {
    await runner.waitFor((await eventStore.readAll()).at(-1)!.position, 20_000);
  } finally {
    await runner.stop();
  }
};

describe('paygate payouts | balances | ledger check (real PostgreSQL)', () => {
  it('an empty log balances; payouts list --json is an empty list', async () => {
    // The first command migrates the event store and the read models.
    expect(await paygate('payouts', 'list', '--json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    pool = createPool(database.url, { max: 4 });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    eventStore = createPostgresEventStore({ pool });
    const check = await paygate('ledger', 'check');
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('ledger balanced');
  });

  it('a balanced log: exit 0 with a row per owner and currency; payouts list, show and balances tell the same story', async () => {
    await split('p1', 'ch-1', 1_000_000n, 25_000n, '1001');
    await split('p2', 'ch-1', 2_000_000n, 50_000n, '1001');
    await split('p3', 'ch-2', 4_000_000n, 100_000n, '1002');
    await payout('ch-1-usdttrc20-1', 'ch-1', '1001', ['p1', 'p2'], 2_925_000n, 2_925_000n);
    await project();

    const check = await paygate('ledger', 'check');
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('owner 1001  USDTTRC20  received 3.000000  fees 0.075000  paid out 2.925000  pending 0.000000 (in payout 0.000000)');
    expect(check.stdout).toContain('owner 1002  USDTTRC20  received 4.000000  fees 0.100000  paid out 0.000000  pending 3.900000');
    const json = await paygate('ledger', 'check', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ balanced: true, events: 6, discrepancies: [] });

    const listed = await paygate('payouts', 'list', '--json');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout) as PayoutJson[]).toEqual([
      expect.objectContaining({ payoutId: 'ch-1-usdttrc20-1', ownerId: '1001', status: 'sent', amount: { amount: '2.925000', currency: 'USDTTRC20' }, paymentIds: ['p1', 'p2'] }),
    ]);
    expect(JSON.parse((await paygate('payouts', 'list', '--status', 'failed', '--json')).stdout)).toEqual([]);
    expect((await paygate('payouts', 'list', '--status', 'lost')).code).toBe(2);

    const shown = await paygate('payouts', 'show', 'ch-1-usdttrc20-1');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('TransferSigned');
    expect(shown.stdout).toContain(`hash:`);
    expect(shown.stdout).toContain(hash(1));
    expect(await paygate('payouts', 'show', 'nope')).toEqual({ code: 1, stdout: '', stderr: 'error: payout nope not found\n' });

    const balances = JSON.parse((await paygate('balances', '--owner', '1002', '--json')).stdout);
    expect(balances.owners).toEqual([
      {
        ownerId: '1002',
        channels: 1,
        currency: 'USDTTRC20',
        received: '4.000000',
        fees: '0.100000',
        pending: '3.900000',
        inPayout: '0.000000',
        paidOut: '0.000000',
        convertedIn: '0.000000',
        convertedOut: '0.000000',
      },
    ]);
  });

  it('a projector that lags is no discrepancy: the read model is compared at its own checkpoint', async () => {
    await split('p4', 'ch-2', 1_000_000n, 0n, '1002');
    expect((await paygate('ledger', 'check')).code).toBe(0);
  });

  it('given ETH shares of two channels converted together and allocated unevenly, the books balance with converted in/out; balances and payouts list show them', async () => {
    const eth = (units: bigint) => ({ amount: units.toString(), currency: 'ETH', decimals: 18 });
    const usdterc20 = (units: bigint) => ({ amount: units.toString(), currency: 'USDTERC20', decimals: 6 });
    const ethSplit = (paymentId: string, channelId: string, gross: bigint, ownerId: string) =>
      append(`split-${paymentId}`, 'SplitCalculated', { paymentId, invoiceId: `inv-${paymentId}`, channelId, ownerId, gross: eth(gross), feeBps: 0, fee: eth(0n), ownerShare: eth(gross), calculatedAt: AT });
    await ethSplit('e1', 'ch-3', 2n * 10n ** 15n, '1003');
    await ethSplit('e2', 'ch-4', 10n ** 15n, '1004');
    const pool = 'payout-conversion-pool-eth';
    await append(pool, 'SharePooled', { channelId: 'ch-3', paymentId: 'e1', amount: eth(2n * 10n ** 15n), pooledAt: AT });
    await append(pool, 'SharePooled', { channelId: 'ch-4', paymentId: 'e2', amount: eth(10n ** 15n), pooledAt: AT });
    await append(pool, 'ConversionStarted', {
      conversionId: 'conversion-eth-1',
      amount: eth(3n * 10n ** 15n),
      toCurrency: 'USDTERC20',
      shares: [
        { channelId: 'ch-3', paymentIds: ['e1'], amount: eth(2n * 10n ** 15n) },
        { channelId: 'ch-4', paymentIds: ['e2'], amount: eth(10n ** 15n) },
      ],
      startedAt: AT,
    });
    const host = { address: WALLET.address, network: 'ethereum', currency: 'USDTERC20' };
    const conversion = 'payout-conversion-eth-1';
    await append(conversion, 'PayoutStarted', { payoutId: 'conversion-eth-1', paymentIds: ['e1', 'e2'], channelId: 'platform', purpose: 'conversion', amount: eth(3n * 10n ** 15n), wallet: host, route: 'swap', startedAt: AT });
    // 10.000001 USDT for shares 2 : 1 — largest remainder gives ch-3 6.666667 and ch-4 3.333334 (the larger remainder).
    await append(conversion, 'PayoutSent', { payoutId: 'conversion-eth-1', channelId: 'platform', purpose: 'conversion', amount: eth(3n * 10n ** 15n), payoutHash: hash(3), received: usdterc20(10_000_001n), sentAt: AT });
    const allocate = (channelId: string, paymentId: string, units: bigint, from: bigint) =>
      append(`payout-accumulation-${channelId}-usdterc20`, 'PayoutAccumulated', { channelId, conversionId: 'conversion-eth-1', paymentIds: [paymentId], amount: usdterc20(units), from: eth(from), balance: usdterc20(units), accumulatedAt: AT });
    await allocate('ch-3', 'e1', 6_666_667n, 2n * 10n ** 15n);
    let check = await paygate('ledger', 'check');
    // The allocation to ch-4 is on its way: named, and no discrepancy.
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('conversion conversion-eth-1  0.003000000000000000 ETH -> 10.000001 USDTERC20: allocated 6.666667 to 1 of 2 channels so far');
    await allocate('ch-4', 'e2', 3_333_334n, 10n ** 15n);
    await project();

    check = await paygate('ledger', 'check');
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('owner 1003  ETH  received 0.002000000000000000  converted out 0.002000000000000000  fees 0.000000000000000000  paid out 0.000000000000000000  pending 0.000000000000000000');
    expect(check.stdout).toContain('owner 1004  USDTERC20  received 0.000000  converted in 3.333334  fees 0.000000  paid out 0.000000  pending 3.333334 (in payout 0.000000)');
    expect(check.stdout).not.toContain('conversion conversion-eth-1');
    // Owners without conversions print no converted columns.
    expect(check.stdout).toContain('owner 1002  USDTTRC20  received 5.000000  fees 0.100000  paid out');
    const json = JSON.parse((await paygate('ledger', 'check', '--json')).stdout);
    expect(json.conversions).toEqual([
      { conversionId: 'conversion-eth-1', amount: { amount: '0.003000000000000000', currency: 'ETH' }, received: { amount: '10.000001', currency: 'USDTERC20' }, allocated: { amount: '10.000001', currency: 'USDTERC20' }, channels: 2, allocations: 2 },
    ]);
    expect(json.owners).toContainEqual(expect.objectContaining({ ownerId: '1003', currency: 'USDTERC20', convertedIn: '6.666667', pending: '6.666667' }));

    const balances = JSON.parse((await paygate('balances', '--owner', '1003', '--json')).stdout);
    expect(balances.channels).toEqual([
      expect.objectContaining({ channelId: 'ch-3', ownerId: '1003', currency: 'ETH', received: '0.002000000000000000', pending: '0.000000000000000000', convertedOut: '0.002000000000000000' }),
      expect.objectContaining({ channelId: 'ch-3', ownerId: '1003', currency: 'USDTERC20', pending: '6.666667', convertedIn: '6.666667', convertedOut: '0.000000' }),
    ]);
    const text = (await paygate('balances', '--owner', '1003')).stdout;
    expect(text).toContain('owner 1003  USDTERC20  received 0.000000  converted in 6.666667  fees 0.000000');
    expect(text).toContain('owner 1003  ETH  received 0.002000000000000000  converted out 0.002000000000000000  fees');

    const listed = JSON.parse((await paygate('payouts', 'list', '--channel', 'platform', '--json')).stdout) as PayoutJson[];
    expect(listed).toEqual([expect.objectContaining({ payoutId: 'conversion-eth-1', ownerId: null, purpose: 'conversion', status: 'sent', received: { amount: '10.000001', currency: 'USDTERC20' } })]);
  });

  it('a PayoutSent for more than the shares it carried: exit 1, naming the owner and the difference', async () => {
    await payout('ch-2-usdttrc20-1', 'ch-2', '1002', ['p3'], 3_900_000n, 3_900_005n);
    await project();
    const check = await paygate('ledger', 'check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('DISCREPANCY owner 1002 USDTTRC20 (channel ch-2): received - fees - paid out - pending = -0.000005, not 0');
    expect(check.stderr).toMatch(/^error: ledger does not balance: owner 1002 USDTTRC20 \(channel ch-2\): received - fees - paid out - pending = -0\.000005, not 0/);
    const json = JSON.parse((await paygate('ledger', 'check', '--json')).stdout);
    expect(json.balanced).toBe(false);
    expect(json.discrepancies).toContainEqual(expect.objectContaining({ kind: 'identity', ownerId: '1002', currency: 'USDTTRC20', difference: '-5' }));
    // The read model took the amount at its word; the ledger names where it differs.
    expect(json.discrepancies).toContainEqual(expect.objectContaining({ kind: 'read-model', ownerId: '1002', field: 'pending', difference: '-5' }));
  });
});
