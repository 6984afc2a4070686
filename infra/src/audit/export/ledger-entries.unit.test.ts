import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { foldLedger } from '@paygate/projections';
import { createInMemoryEventStore } from '@paygate/testkit';
import { createLedgerEntryMapper } from './ledger-entries.ts';
import type { LedgerEntry } from './ledger-entry.ts';
import { createMoneyFlow, hashOf, units } from './test-support/money-flow.ts';
import { CONVERSION, DIRECT_HASH, seedLedgerScenario, SWAP } from './test-support/ledger-scenario.ts';

/** Given the events `given` appends, the entries the mapper makes over the whole log. */
const entriesOf = async (given: (flow: ReturnType<typeof createMoneyFlow>) => Promise<unknown>) => {
  const eventStore = createInMemoryEventStore({ clock: () => new Date('2026-01-02T03:04:05.000Z') });
  await given(createMoneyFlow(eventStore, () => '2026-01-02T03:04:05.000Z'));
  const events = await eventStore.readAll();
  const mapper = createLedgerEntryMapper();
  return { events, entries: events.flatMap((event) => mapper.entriesOf(event)) };
};

const brief = (entry: LedgerEntry) => [entry.movement, entry.account, entry.channelId, entry.currency, entry.amount];
const eventOf = (events: RecordedEvent[], type: string, streamId: string) => events.find((event) => event.type === type && event.streamId === streamId)!;

describe('ledger entries (events → entries)', () => {
  it('given a payment received and split, then three entries tie received, fee and owner share to the split, its invoice and its PaymentReceived', async () => {
    const { events, entries } = await entriesOf((flow) => flow.pay('p1', 'ch-a', '1001', 1_000_000n, 250));
    const split = eventOf(events, 'SplitCalculated', 'split-p1');
    expect(entries.map(brief)).toEqual([
      ['payment', 'received', 'ch-a', 'USDTTRC20', 1_000_000n],
      ['fee', 'fees', 'ch-a', 'USDTTRC20', 25_000n],
      ['owner share', 'pending', 'ch-a', 'USDTTRC20', 975_000n],
    ]);
    expect(entries[0]).toMatchObject({
      entryId: `${split.id}/0`,
      eventId: split.id,
      streamId: 'split-p1',
      eventType: 'SplitCalculated',
      position: split.position,
      recordedAt: split.recordedAt,
      ownerId: '1001',
      decimals: 6,
      paymentIds: ['p1'],
      invoiceId: 'inv-p1',
      paymentEventId: eventOf(events, 'PaymentReceived', 'payment-p1').id,
      payoutId: null,
      txHash: null,
    });
    expect(entries.map((entry) => entry.entryId)).toEqual([0, 1, 2].map((n) => `${split.id}/${n}`));
  });

  it('given a donation received and split, then its received line says donation, ties to its DonationReceived, and a payout of payment and donation together keeps the ledger identity', async () => {
    const { events, entries } = await entriesOf(async (flow) => {
      const paid = await flow.pay('p1', 'ch-a', '1001', 1_000_000n, 250);
      const donated = await flow.donate('d1', 'ch-a', '1001', 400_000n, 250);
      await flow.payOut('ch-a-usdttrc20-1', 'ch-a', '1001', ['p1', 'd1'], paid + donated, { kind: 'direct', hash: hashOf(1) });
    });
    const donation = entries.filter((entry) => entry.paymentIds.includes('d1') && entry.payoutId === null);
    expect(donation.map(brief)).toEqual([
      ['donation', 'received', 'ch-a', 'USDTTRC20', 400_000n],
      ['fee', 'fees', 'ch-a', 'USDTTRC20', 10_000n],
      ['owner share', 'pending', 'ch-a', 'USDTTRC20', 390_000n],
    ]);
    expect(donation[0]).toMatchObject({ invoiceId: 'don-d1', paymentEventId: eventOf(events, 'DonationReceived', 'payment-d1').id });
    const ledger = foldLedger(events);
    expect(ledger.problems).toEqual([]);
    const account = ledger.accounts.find((found) => found.channelId === 'ch-a')!;
    expect(account).toMatchObject({ received: 1_400_000n, fees: 35_000n, paidOut: 1_365_000n, pending: 0n });
    const sum = (name: string) => entries.filter((entry) => entry.account === name).reduce((total, entry) => total + entry.amount, 0n);
    expect([sum('received'), sum('fees'), sum('paidOut'), sum('pending')]).toEqual([1_400_000n, 35_000n, 1_365_000n, 0n]);
  });

  it('given a payout through ChangeNOW, then paid out and pending move by its amount, with its payments, swap transaction, payout hash, exchange and what the owner received', async () => {
    const { entries } = await entriesOf(seedLedgerScenario);
    const payout = entries.filter((entry) => entry.payoutId === 'ch-a-usdttrc20-1');
    expect(payout.map(brief)).toEqual([
      ['payout', 'paidOut', 'ch-a', 'USDTTRC20', 2_925_000n],
      ['payout', 'pending', 'ch-a', 'USDTTRC20', -2_925_000n],
    ]);
    for (const entry of payout) {
      expect(entry).toMatchObject({ eventType: 'PayoutSent', streamId: 'payout-ch-a-usdttrc20-1', ownerId: '1001', paymentIds: ['p1', 'p2'], txHash: SWAP.swapTx, payoutHash: SWAP.payoutHash, exchangeId: SWAP.exchangeId });
      expect(entry.delivered).toEqual({ amount: 2_900_000n, currency: 'USDTMATIC', decimals: 6 });
    }
  });

  it('given a direct payout, then its own transfer is both the transaction and the payout hash, with no exchange; a failed payout moves nothing', async () => {
    const { entries } = await entriesOf(seedLedgerScenario);
    expect(entries.filter((entry) => entry.payoutId === 'ch-b-usdttrc20-1')).toEqual([
      expect.objectContaining({ account: 'paidOut', amount: 3_800_000n, txHash: DIRECT_HASH, payoutHash: DIRECT_HASH, exchangeId: null, paymentIds: ['p3'] }),
      expect.objectContaining({ account: 'pending', amount: -3_800_000n }),
    ]);
    expect(entries.filter((entry) => entry.payoutId === 'ch-b-usdttrc20-2')).toEqual([]);
  });

  it('given ETH shares converted together, then each share leaves pending as converted out, and each allocation comes in with the conversion’s exchange and hashes; the conversion’s own PayoutSent moves no channel’s money', async () => {
    const { entries } = await entriesOf(seedLedgerScenario);
    const conversion = entries.filter((entry) => entry.payoutId === CONVERSION.conversionId);
    expect(conversion.map(brief)).toEqual([
      ['conversion out', 'convertedOut', 'ch-c', 'ETH', 2n * 10n ** 15n],
      ['conversion out', 'pending', 'ch-c', 'ETH', -2n * 10n ** 15n],
      ['conversion out', 'convertedOut', 'ch-d', 'ETH', 10n ** 15n],
      ['conversion out', 'pending', 'ch-d', 'ETH', -(10n ** 15n)],
      ['conversion in', 'convertedIn', 'ch-c', 'USDTERC20', 6_666_667n],
      ['conversion in', 'pending', 'ch-c', 'USDTERC20', 6_666_667n],
      ['conversion in', 'convertedIn', 'ch-d', 'USDTERC20', 3_333_334n],
      ['conversion in', 'pending', 'ch-d', 'USDTERC20', 3_333_334n],
    ]);
    expect(conversion.slice(0, 4).every((entry) => entry.eventType === 'ConversionStarted' && entry.txHash === null)).toBe(true);
    expect(conversion.slice(4)).toEqual(
      Array(4).fill(expect.objectContaining({ eventType: 'PayoutAccumulated', txHash: CONVERSION.swapTx, payoutHash: CONVERSION.payoutHash, exchangeId: CONVERSION.exchangeId })),
    );
    expect(conversion[4]).toMatchObject({ ownerId: '1003', paymentIds: ['e1'] });
    expect(entries.some((entry) => entry.channelId === 'platform')).toBe(false);
  });

  it('every event’s entries keep received + convertedIn = fees + convertedOut + paidOut + pending, and all entries sum to the ledger fold, account by account', async () => {
    const { events, entries } = await entriesOf(seedLedgerScenario);
    const sign = { received: 1n, convertedIn: 1n, fees: -1n, convertedOut: -1n, paidOut: -1n, pending: -1n } as const;
    for (const eventId of new Set(entries.map((entry) => entry.eventId))) {
      const made = entries.filter((entry) => entry.eventId === eventId);
      for (const currency of new Set(made.map((entry) => entry.currency))) {
        expect(made.filter((entry) => entry.currency === currency).reduce((sum, entry) => sum + sign[entry.account] * entry.amount, 0n)).toBe(0n);
      }
    }
    const ledger = foldLedger(events);
    expect(ledger.problems).toEqual([]);
    for (const account of ledger.accounts) {
      const mine = entries.filter((entry) => entry.channelId === account.channelId && entry.currency === account.currency);
      for (const name of ['received', 'fees', 'pending', 'paidOut', 'convertedIn', 'convertedOut'] as const) {
        expect(mine.filter((entry) => entry.account === name).reduce((sum, entry) => sum + entry.amount, 0n), `${account.channelId} ${account.currency} ${name}`).toBe(account[name]);
      }
    }
  });

  it('given a refund after the payout, then the split is taken back whole (refund entries, negative), once; the entries still sum to the fold, pending owed below zero', async () => {
    const reversal = (paymentId: string) => ({
      paymentId,
      invoiceId: `inv-${paymentId}`,
      channelId: 'ch-a',
      ownerId: '1001',
      gross: units(1_000_000n),
      fee: units(25_000n),
      ownerShare: units(975_000n),
      reason: 'refunded',
      reversedAt: '2026-01-02T03:04:05.000Z',
    });
    const { events, entries } = await entriesOf(async (flow) => {
      await seedLedgerScenario(flow);
      await flow.append('split-p1', 'SplitReversed', reversal('p1'));
      await flow.append('split-p1', 'SplitReversed', reversal('p1'));
      await flow.append('split-p0', 'SplitReversed', reversal('p0'));
    });
    const refunds = entries.filter((entry) => entry.movement === 'refund');
    expect(refunds.map(brief)).toEqual([
      ['refund', 'received', 'ch-a', 'USDTTRC20', -1_000_000n],
      ['refund', 'fees', 'ch-a', 'USDTTRC20', -25_000n],
      ['refund', 'pending', 'ch-a', 'USDTTRC20', -975_000n],
    ]);
    expect(refunds[0]).toMatchObject({ eventType: 'SplitReversed', streamId: 'split-p1', paymentIds: ['p1'], invoiceId: 'inv-p1', ownerId: '1001' });
    const account = foldLedger(events).accounts.find((found) => found.channelId === 'ch-a')!;
    expect(account.pending).toBe(-975_000n);
    const mine = entries.filter((entry) => entry.channelId === 'ch-a');
    for (const name of ['received', 'fees', 'pending', 'paidOut'] as const) {
      expect(mine.filter((entry) => entry.account === name).reduce((sum, entry) => sum + entry.amount, 0n), name).toBe(account[name]);
    }
  });

  it('events the ledger fold does not count make no entry: a second split, a payout sent twice or never started, a second allocation, an invalid event', async () => {
    const { entries } = await entriesOf(async (flow) => {
      await seedLedgerScenario(flow);
      await flow.append('split-p1', 'SplitCalculated', { paymentId: 'p1', invoiceId: 'inv-p1', channelId: 'ch-a', gross: units(10n), feeBps: 0, fee: units(0n), ownerShare: units(10n), calculatedAt: '2026-01-02T03:04:05.000Z' });
      const sent = { payoutId: 'ch-a-usdttrc20-1', channelId: 'ch-a', ownerId: '1001', amount: units(2_925_000n), payoutHash: hashOf(99), received: units(1n), sentAt: '2026-01-02T03:04:05.000Z' };
      await flow.append('payout-ch-a-usdttrc20-1', 'PayoutSent', sent);
      await flow.append('payout-never', 'PayoutSent', { ...sent, payoutId: 'never' });
      await flow.append('payout-accumulation-ch-c-usdterc20', 'PayoutAccumulated', {
        channelId: 'ch-c',
        conversionId: CONVERSION.conversionId,
        paymentIds: ['e1'],
        amount: units(6_666_667n, 'USDTERC20'),
        from: units(2n * 10n ** 15n, 'ETH'),
        balance: units(6_666_667n * 2n, 'USDTERC20'),
        accumulatedAt: '2026-01-02T03:04:05.000Z',
      });
      await flow.append('split-p9', 'SplitCalculated', { paymentId: 'p9', gross: 'lots' });
    });
    const before = (await entriesOf(seedLedgerScenario)).entries;
    expect(entries.map(brief)).toEqual(before.map(brief));
  });
});
