import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONATION_TIER_ID, invoiceStreamId, isPayGateError, money, parsePaymentEvent, parseSplitEvent, paymentStreamId, splitStreamId, type DonationReceived } from '@paygate/domain';
import type { ProcessManager } from '@paygate/commands';
import {
  balancesProjection,
  checkLedger,
  compareProjectionSchemas,
  findInvoice,
  findPayment,
  foldLedger,
  invoicesProjection,
  listChannelBalances,
  paymentsProjection,
  rebuildProjection,
  revenueSeries,
  splitsProjection,
} from '@paygate/projections';
import { finishedIpn } from './test-support/finished-ipn.ts';
import { FEE_BPS, startFlowHarness, typesOf, type FlowHarness } from './test-support/flow-harness.ts';

// A donation end to end on real PostgreSQL: the donation invoice, the NOWPayments sandbox paying it
// over HTTP (signed IPNs to the webhook), DonationReceived, the split manager's SplitCalculated, and
// the read models rebuilt from the log (balance, payments, invoices, revenue) and the ledger fold.

let h: FlowHarness;
let db: Kysely<never>;
beforeAll(async () => {
  h = await startFlowHarness();
  db = new Kysely<never>({ dialect: new PostgresDialect({ pool: h.pool }) });
});
afterAll(async () => {
  await h?.close();
});

const donate = (channelId: string, invoiceId: string, cents: bigint) =>
  h.flow.donations.createDonationInvoice({ invoiceId, channelId, donorId: '777', amount: money(cents, 'USD'), showName: true, donorName: 'Dana' });

/** A registered channel whose owner configured donations (the only kind that takes them). */
const donationChannel = async (suffix: string) => {
  const channel = await h.channelWithTier(suffix);
  await h.flow.donations.configureDonations({ channelId: channel.channelId, requestedBy: channel.ownerId, presets: [money(500n, 'USD')], postInPublic: false });
  return channel;
};

describe('donation flow over real PostgreSQL and the NOWPayments sandbox', () => {
  it('donation invoice → sandbox pays → DonationReceived → SplitCalculated → the owner balance holds the owner share; no access, no PaymentReceived', async () => {
    const { channelId } = await donationChannel('don');
    const invoice = await donate(channelId, 'don_flow_1', 1250n);
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId('don_flow_1')))).toEqual(['DonationInvoiceCreated', 'InvoiceLinked']);
    expect([...h.sandbox.invoices.values()].find((found) => found.orderId === 'don_flow_1')).toMatchObject({ priceAmount: '12.5', orderDescription: 'Donation to Alpha signals' });
    expect(invoice.invoiceUrl).toContain(h.sandboxUrl);

    const paid = await h.sandbox.pay('don_flow_1');
    const paymentId = String(paid.paymentId);
    const stream = await h.eventStore.readStream(paymentStreamId(paymentId));
    expect(typesOf(stream).filter((type) => type !== 'PaymentStatusRecorded')).toEqual(['DonationReceived']);
    const received = parsePaymentEvent(stream.at(-1)!) as DonationReceived;
    expect(received.data).toMatchObject({ invoiceId: 'don_flow_1', channelId, donorId: '777', amount: { amount: '1250', currency: 'USD', decimals: 2 }, showName: true, donorName: 'Dana' });
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId('don_flow_1')))).toEqual(['DonationInvoiceCreated', 'InvoiceLinked', 'InvoicePaid']);

    const [splitManager] = h.flow.processManagers as [ProcessManager];
    expect(splitManager.handles).toContain('DonationReceived');
    await splitManager.handle(stream.at(-1)!);
    await splitManager.handle(stream.at(-1)!); // a redelivery splits nothing more
    const splits = await h.eventStore.readStream(splitStreamId(paymentId));
    expect(typesOf(splits)).toEqual(['SplitCalculated']);
    const split = parseSplitEvent(splits[0]!).data as { ownerShare: { amount: string }; fee: { amount: string }; gross: { amount: string }; feeBps: number };
    expect(split).toMatchObject({ gross: received.data.outcome, feeBps: FEE_BPS });

    const all = await h.allEvents();
    // The access manager acts on PaymentReceived only: a donation never reaches it, no subscription exists.
    expect(all.filter((event) => event.type === 'PaymentReceived' || event.type === 'AccessGranted' || event.streamId.startsWith('subscription-'))).toEqual([]);

    // The read models, rebuilt from the log, count it.
    for (const projection of [balancesProjection, paymentsProjection, invoicesProjection, splitsProjection]) {
      // Each into its own schema (a rebuild recreates it), once in one page and once event by event: equal.
      await rebuildProjection({ db, eventStore: h.eventStore, projection, schema: `donation_${projection.name}` });
      await rebuildProjection({ db, eventStore: h.eventStore, projection, schema: `donation_${projection.name}_paged`, pageSize: 1 });
      expect(await compareProjectionSchemas(db, projection, `donation_${projection.name}`, `donation_${projection.name}_paged`), projection.name).toEqual([]);
    }
    const [balance] = await listChannelBalances(db, `donation_${balancesProjection.name}`, { channelId });
    expect(balance).toMatchObject({
      ownerId: '4242',
      received: { amount: BigInt(split.gross.amount) },
      fees: { amount: BigInt(split.fee.amount) },
      pending: { amount: BigInt(split.ownerShare.amount) },
    });
    expect(await findPayment(db, `donation_${paymentsProjection.name}`, paymentId)).toMatchObject({ kind: 'donation', outcome: 'received', tierId: DONATION_TIER_ID, subscriberId: '777' });
    expect(await findInvoice(db, `donation_${invoicesProjection.name}`, 'don_flow_1')).toMatchObject({ purpose: 'donation', paid: true, paidPaymentId: paymentId });
    const revenue = await revenueSeries(db, `donation_${splitsProjection.name}`, { channelId, interval: 'day', from: new Date('2000-01-01'), to: new Date('2100-01-01') });
    expect(revenue).toEqual([expect.objectContaining({ payments: 1, gross: BigInt(split.gross.amount), ownerShare: BigInt(split.ownerShare.amount) })]);

    // The ledger: received = fees + paid out + pending, and it agrees with the balance read model.
    const ledger = foldLedger(all);
    expect(ledger.problems).toEqual([]);
    expect(checkLedger(ledger, await listChannelBalances(db, `donation_${balancesProjection.name}`))).toEqual([]);
  });

  it('a duplicate finished IPN doubles nothing', async () => {
    const { channelId } = await donationChannel('don_dup');
    await donate(channelId, 'don_flow_2', 1250n);
    const ipn = finishedIpn('don_flow_2', 9_200_000_001, { order_description: 'Donation to Alpha signals' });
    expect((await h.postSignedIpn(ipn)).status).toBe(200);
    const before = await h.eventCount();
    const responses = await Promise.all(Array.from({ length: 4 }, () => h.postSignedIpn(ipn)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(await h.eventCount()).toBe(before);
    const stream = await h.eventStore.readStream(paymentStreamId('9200000001'));
    expect(typesOf(stream)).toEqual(['PaymentStatusRecorded', 'DonationReceived']);
  });

  it('an amount below the minimum (or above the maximum) appends nothing and asks NOWPayments nothing', async () => {
    const { channelId } = await donationChannel('don_min');
    const [events, invoices] = [await h.eventCount(), h.sandbox.invoices.size];
    for (const cents of [99n, 1_000_001n]) {
      const error = await donate(channelId, `don_bad_${cents}`, cents).catch((caught: unknown) => caught);
      expect(isPayGateError(error) && error.kind).toBe('validation');
      expect((error as Error).message).toMatch(cents === 99n ? /minimum donation is 1\.00 USD/ : /maximum donation is 10000\.00 USD/);
    }
    expect(await h.eventCount()).toBe(events);
    expect(h.sandbox.invoices.size).toBe(invoices);
  });

  it('a channel that never configured donations takes none: conflict, nothing appended, NOWPayments not asked', async () => {
    const { channelId } = await h.channelWithTier('don_none');
    const [events, invoices] = [await h.eventCount(), h.sandbox.invoices.size];
    const error = await donate(channelId, 'don_none_1', 1250n).catch((caught: unknown) => caught);
    expect(isPayGateError(error) && error.kind).toBe('conflict');
    expect((error as Error).message).toBe(`${channelId} does not take donations`);
    expect(await h.eventCount()).toBe(events);
    expect(h.sandbox.invoices.size).toBe(invoices);
  });
});
