import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listChannelBalances, listOwnerBalances } from '../balances/index.ts';
import { findChannel, listOwnerChannelIds } from '../channels/index.ts';
import { findInvoice } from '../invoices/index.ts';
import { findPayment, listInvoicePayments, listPayments } from '../payments/index.ts';
import { findPayout, listPayouts } from '../payouts/index.ts';
import { findSplit, listInvoiceSplits } from '../splits/index.ts';
import { startReadModelDb, type ReadModelDb } from '../test-support/read-model-db.ts';
import { readModelRows } from '../test-support/read-model-rows.ts';
import type { OwnerScope } from './owner-scope.ts';

// Invariant 7 on the existing finders: owner A reads A's rows, B's are not found, unscoped sees all.
// Each case twice: the owner id alone (the condition's subquery) and with the owner's channel ids
// resolved first, as the read API does once per request (`= ANY(ids)`); both must draw the same line.
const SCOPES = [{ name: 'owner id', resolved: false }, { name: 'resolved channel ids', resolved: true }];
let rm: ReadModelDb;

beforeAll(async () => {
  rm = await startReadModelDb('paygate_owner_scope');
  const rows = readModelRows(rm.db, rm.schema);
  await rows.channel({ channelId: 'chA1', ownerId: '100', position: 1 });
  await rows.channel({ channelId: 'chA2', ownerId: '100', position: 2 });
  await rows.channel({ channelId: 'chB', ownerId: '200', position: 3 });
  await rows.invoice({ invoiceId: 'invA', channelId: 'chA1' });
  await rows.invoice({ invoiceId: 'invB', channelId: 'chB' });
  await rows.payment({ paymentId: 'pA1', invoiceId: 'invA', channelId: 'chA1', position: 10 });
  await rows.payment({ paymentId: 'pA2', invoiceId: 'invA', channelId: 'chA1', position: 11 });
  await rows.payment({ paymentId: 'pB', invoiceId: 'invB', channelId: 'chB', position: 12 });
  await rows.payment({ paymentId: 'pU', invoiceId: 'invUnknown', channelId: null, position: 13 });
  await rows.split({ paymentId: 'pA1', invoiceId: 'invA', channelId: 'chA1' });
  await rows.split({ paymentId: 'pB', invoiceId: 'invB', channelId: 'chB' });
  await rows.payout({ payoutId: 'poA', channelId: 'chA1', ownerId: '100', position: 20 });
  await rows.payout({ payoutId: 'poB', channelId: 'chB', ownerId: '200', position: 21 });
  await rows.payout({ payoutId: 'poConversion', channelId: 'platform', ownerId: null, position: 22 });
  await rows.balance({ channelId: 'chA1', ownerId: '100', received: 10n });
  await rows.balance({ channelId: 'chA2', ownerId: '100', received: 5n });
  await rows.balance({ channelId: 'chB', ownerId: '200', received: 7n });
});
afterAll(() => rm?.close());

const ids = <T>(items: T[], id: (item: T) => string) => items.map(id);

describe.each(SCOPES)('owner scope on the read-model finders ($name)', ({ resolved }) => {
  const scopeOf = async (ownerId: string): Promise<OwnerScope> =>
    resolved ? { ownerId, channelIds: await listOwnerChannelIds(rm.db, rm.schema, ownerId) } : { ownerId };
  let A: OwnerScope;
  let B: OwnerScope;
  let nobody: OwnerScope;
  beforeEach(async () => {
    [A, B, nobody] = await Promise.all([scopeOf('100'), scopeOf('200'), scopeOf('999')]);
  });

  it('channels: by owner of record', async () => {
    expect((await findChannel(rm.db, rm.schema, 'chA1', A))?.channelId).toBe('chA1');
    expect(await findChannel(rm.db, rm.schema, 'chB', A)).toBeUndefined();
    expect((await findChannel(rm.db, rm.schema, 'chB'))?.ownerId).toBe('200');
    expect(await findChannel(rm.db, rm.schema, 'chA1', nobody)).toBeUndefined();
  });

  it("invoices and their payments and splits: only of the owner's channels", async () => {
    expect((await findInvoice(rm.db, rm.schema, 'invA', A))?.invoiceId).toBe('invA');
    expect(await findInvoice(rm.db, rm.schema, 'invB', A)).toBeUndefined();
    expect((await findInvoice(rm.db, rm.schema, 'invB'))?.channelId).toBe('chB');
    expect(ids(await listInvoicePayments(rm.db, rm.schema, 'invA', A), (p) => p.paymentId)).toEqual(['pA1', 'pA2']);
    expect(await listInvoicePayments(rm.db, rm.schema, 'invB', A)).toEqual([]);
    expect(ids(await listInvoicePayments(rm.db, rm.schema, 'invB'), (p) => p.paymentId)).toEqual(['pB']);
    expect(ids(await listInvoiceSplits(rm.db, rm.schema, 'invA', A), (s) => s.paymentId)).toEqual(['pA1']);
    expect(await listInvoiceSplits(rm.db, rm.schema, 'invB', A)).toEqual([]);
    expect((await findSplit(rm.db, rm.schema, 'pA1', A))?.channelId).toBe('chA1');
    expect(await findSplit(rm.db, rm.schema, 'pB', A)).toBeUndefined();
    expect((await findSplit(rm.db, rm.schema, 'pB'))?.channelId).toBe('chB');
  });

  it('payments: an unmatched payment (no channel) is visible unscoped only', async () => {
    expect((await findPayment(rm.db, rm.schema, 'pA1', A))?.paymentId).toBe('pA1');
    expect(await findPayment(rm.db, rm.schema, 'pB', A)).toBeUndefined();
    expect(await findPayment(rm.db, rm.schema, 'pU', A)).toBeUndefined();
    expect(await findPayment(rm.db, rm.schema, 'pU', B)).toBeUndefined();
    expect((await findPayment(rm.db, rm.schema, 'pU'))?.channelId).toBeNull();
  });

  it("lists payments of the owner's channels in keyset pages; a foreign channel filter finds nothing", async () => {
    const first = await listPayments(rm.db, rm.schema, { scope: A, limit: 1 });
    expect(ids(first.items, (p) => p.paymentId)).toEqual(['pA2']);
    const second = await listPayments(rm.db, rm.schema, { scope: A, limit: 1, after: first.next! });
    expect(ids(second.items, (p) => p.paymentId)).toEqual(['pA1']);
    expect(second.next).toBeUndefined();
    expect(ids((await listPayments(rm.db, rm.schema, { scope: B })).items, (p) => p.paymentId)).toEqual(['pB']);
    expect((await listPayments(rm.db, rm.schema, { scope: A, channelId: 'chB' })).items).toEqual([]);
    expect(ids((await listPayments(rm.db, rm.schema, {})).items, (p) => p.paymentId)).toEqual(['pU', 'pB', 'pA2', 'pA1']);
  });

  it("payouts: by the channel's owner of record; a conversion (channel platform) is no owner's", async () => {
    expect((await findPayout(rm.db, rm.schema, 'poA', A))?.payoutId).toBe('poA');
    expect(await findPayout(rm.db, rm.schema, 'poB', A)).toBeUndefined();
    expect(await findPayout(rm.db, rm.schema, 'poConversion', A)).toBeUndefined();
    expect((await findPayout(rm.db, rm.schema, 'poConversion'))?.channelId).toBe('platform');
    expect(ids((await listPayouts(rm.db, rm.schema, { scope: A })).items, (p) => p.payoutId)).toEqual(['poA']);
    expect((await listPayouts(rm.db, rm.schema, { scope: A, ownerId: '200' })).items).toEqual([]);
    expect(ids((await listPayouts(rm.db, rm.schema)).items, (p) => p.payoutId)).toEqual(['poConversion', 'poB', 'poA']);
  });

  it("balances: per channel and summed per owner over the owner's channels", async () => {
    expect(ids(await listChannelBalances(rm.db, rm.schema, { scope: A }), (b) => b.channelId)).toEqual(['chA1', 'chA2']);
    expect(await listChannelBalances(rm.db, rm.schema, { scope: A, channelId: 'chB' })).toEqual([]);
    expect(ids(await listChannelBalances(rm.db, rm.schema), (b) => b.channelId)).toEqual(['chA1', 'chA2', 'chB']);
    const owners = await listOwnerBalances(rm.db, rm.schema, { scope: A });
    expect(owners.map((o) => [o.ownerId, o.channels, o.received.amount])).toEqual([['100', 2, 15n]]);
    expect((await listOwnerBalances(rm.db, rm.schema, { scope: B })).map((o) => o.received.amount)).toEqual([7n]);
    expect(await listOwnerBalances(rm.db, rm.schema, { scope: B, ownerId: '100' })).toEqual([]);
    expect((await listOwnerBalances(rm.db, rm.schema)).map((o) => o.ownerId)).toEqual(['100', '200']);
  });

  it('follows the owner of record: after a claim the channel is the new owner’s; its earlier balance and payouts stay the previous owner’s money', async () => {
    const owner = (channelId: string, ownerId: string) => sql`UPDATE ${sql.id(rm.schema, 'channels')} SET owner_id = ${ownerId} WHERE channel_id = ${channelId}`.execute(rm.db);
    const payoutChannel = (channelId: string) => sql`UPDATE ${sql.id(rm.schema, 'payouts')} SET channel_id = ${channelId} WHERE payout_id = 'poA'`.execute(rm.db);
    await owner('chA2', '200');
    await payoutChannel('chA2');
    try {
      [A, B] = await Promise.all([scopeOf('100'), scopeOf('200')]);
      expect(await findChannel(rm.db, rm.schema, 'chA2', A)).toBeUndefined();
      expect((await findChannel(rm.db, rm.schema, 'chA2', B))?.channelId).toBe('chA2');
      expect(ids(await listChannelBalances(rm.db, rm.schema, { scope: A }), (b) => b.channelId)).toEqual(['chA1']);
      // The balance row still names 100, whose shares it holds: the new owner does not read it.
      expect(ids(await listChannelBalances(rm.db, rm.schema, { scope: B }), (b) => b.channelId)).toEqual(['chB']);
      // Payouts follow their payee, not the channel: poA (to 100, of chA2 now B's) stays 100's.
      expect(ids((await listPayouts(rm.db, rm.schema, { scope: A })).items, (p) => p.payoutId)).toEqual(['poA']);
      expect(ids((await listPayouts(rm.db, rm.schema, { scope: B })).items, (p) => p.payoutId)).toEqual(['poB']);
    } finally {
      await owner('chA2', '100');
      await payoutChannel('chA1');
    }
  });
});
