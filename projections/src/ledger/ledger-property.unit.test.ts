import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesProjection, channelBalanceFromRow } from '../balances/index.ts';
import { allocateConversion } from '@paygate/domain';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { checkLedger } from './check-ledger.ts';
import { foldLedger } from './ledger-fold.ts';

const PAYMENTS = 1_000;
/** ETH is no stable coin: a converting channel's ETH shares are pooled and converted into USDTERC20 (which some payments settle in directly). */
const CURRENCIES = ['USDTTRC20', 'USDCERC20', 'USDTERC20', 'ETH'] as const;
const POOLED = 'ETH';
const STABLE = 'USDTERC20';
const OUTCOMES = ['sent', 'failed', 'failed then sent', 'held', 'running'] as const;
const CONVERSION_OUTCOMES = ['sent', 'sent', 'sent', 'failed', 'running'] as const;

/**
 * A channel: its owner (none: never paid out), when its balance leaves (never, at once, every n
 * shares), and whether its ETH shares go through conversions (a threshold owner's, with an owner).
 */
const channelArb = fc.record({
  owner: fc.option(fc.integer({ min: 1001, max: 1008 }).map(String), { freq: 6 }),
  release: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 25 })),
  converts: fc.boolean(),
});
const paymentArb = (channels: number) =>
  fc.record({
    channel: fc.nat({ max: channels - 1 }),
    // Mostly everyday amounts, sometimes far beyond 2^53.
    gross: fc.oneof({ weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 9n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 30n }) }),
    feeBps: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 250, 10_000)),
    currency: fc.constantFrom(...CURRENCIES),
  });
/** A conversion's fate and, when sent, its output in the stable coin (any amount: the market decides, zero included). */
const conversionArb = fc.record({
  outcome: fc.constantFrom(...CONVERSION_OUTCOMES),
  output: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 30n })),
});
const scenarioArb = fc.array(channelArb, { minLength: 1, maxLength: 30 }).chain((channels) =>
  fc.record({
    channels: fc.constant(channels),
    payments: fc.array(paymentArb(channels.length), { minLength: PAYMENTS, maxLength: PAYMENTS }),
    outcomes: fc.array(fc.constantFrom(...OUTCOMES), { minLength: 1, maxLength: 50 }),
    /** The pool converts once it holds this many shares (standing in for MICROBATCH_MIN_USD). */
    poolSize: fc.integer({ min: 1, max: 40 }),
    conversions: fc.array(conversionArb, { minLength: 1, maxLength: 20 }),
  }),
);
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Plays a scenario as the pipeline would: split, accumulate per channel and currency, release a
 * batch (at once, or every n shares), then each payout runs to the next outcome in the list. A
 * converting channel's ETH shares are pooled instead; the full pool leaves in one conversion
 * (a payout with purpose conversion), which is sent for a random output or not; a sent one's
 * output is allocated back per channel by allocateConversion into the channels' USDTERC20
 * balances, which release as any other. Returns the log and an independent count.
 */
const play = ({ channels, payments, outcomes, poolSize, conversions }: Scenario) => {
  const log = createPayoutLog();
  const balances = new Map<string, { units: bigint; unpaid: string[]; batches: number }>();
  const pool: { channel: number; paymentId: string; amount: bigint }[] = [];
  let received = 0n;
  let sent = 0n;
  let payouts = 0;
  let convertedOut = 0n;
  let convertedIn = 0n;
  const outputs = new Map<string, bigint>();

  /** A share (or a conversion's allocation) joins the channel's balance, which may leave at once. */
  const accumulate = (channel: number, currency: string, paymentIds: string[], units: bigint, from?: { conversionId: string; amount: bigint }) => {
    const channelId = `ch${channel}`;
    const { owner, release } = channels[channel]!;
    const key = `${channelId}/${currency}`;
    const balance = balances.get(key) ?? { units: 0n, unpaid: [], batches: 0 };
    balances.set(key, balance);
    balance.units += units;
    balance.unpaid.push(...paymentIds);
    if (from) log.allocate(channelId, from.conversionId, paymentIds, units, from.amount, balance.units, currency, POOLED);
    else log.accumulate(channelId, paymentIds, units, balance.units, currency);
    if (balance.unpaid.length < release) return;
    balance.batches += 1;
    const payoutId = `${channelId}-${currency.toLowerCase()}-${balance.batches}`;
    log.batch(channelId, payoutId, balance.unpaid, balance.units, currency);
    log.start(payoutId, channelId, owner!, balance.unpaid, balance.units, currency);
    const outcome = outcomes[payouts++ % outcomes.length]!;
    if (outcome === 'held') log.held(payoutId);
    if (outcome.startsWith('failed')) log.failed(payoutId);
    if (outcome === 'failed then sent') log.resumed(payoutId);
    if (outcome.endsWith('sent')) {
      log.sent(payoutId, channelId, owner!, balance.units, currency);
      sent += balance.units;
    }
    balance.units = 0n;
    balance.unpaid = [];
  };

  /** The pool leaves whole: per channel (in the order they joined), its payments and their sum. */
  const convert = () => {
    const conversionId = `conversion-eth-${outputs.size + 1}`;
    const byChannel = new Map<number, { paymentIds: string[]; amount: bigint }>();
    for (const { channel, paymentId, amount } of pool) {
      const part = byChannel.get(channel) ?? { paymentIds: [], amount: 0n };
      byChannel.set(channel, { paymentIds: [...part.paymentIds, paymentId], amount: part.amount + amount });
    }
    pool.length = 0;
    const shares = [...byChannel].map(([channel, part]) => ({ channel, channelId: `ch${channel}`, ...part }));
    const total = sum(shares.map((share) => share.amount));
    log.conversionStarted(conversionId, shares, POOLED, STABLE);
    log.startConversion(conversionId, shares.flatMap((share) => share.paymentIds), total, POOLED, STABLE);
    convertedOut += total;
    const { outcome, output } = conversions[outputs.size % conversions.length]!;
    outputs.set(conversionId, outcome === 'sent' ? output : -1n);
    if (outcome === 'failed') log.failed(conversionId);
    if (outcome !== 'sent') return;
    log.sentConversion(conversionId, total, output, POOLED, STABLE);
    const allocations = allocateConversion(
      shares.map((share) => ({ ownerId: share.channelId, amount: share.amount })),
      output,
    );
    shares.forEach((share, index) => {
      const units = allocations[index]!.amount;
      if (units === 0n) return; // a share too small to get a unit of the output gets no allocation
      convertedIn += units;
      accumulate(share.channel, STABLE, share.paymentIds, units, { conversionId, amount: share.amount });
    });
  };

  payments.forEach((payment, index) => {
    const channelId = `ch${payment.channel}`;
    const { owner, release, converts } = channels[payment.channel]!;
    const paymentId = `pay-${index}`;
    const share = log.split(paymentId, channelId, payment.gross, payment.feeBps, owner ?? undefined, payment.currency);
    received += payment.gross;
    if (owner === null || share === 0n) return;
    if (converts && payment.currency === POOLED) {
      log.pool(channelId, paymentId, share, POOLED);
      pool.push({ channel: payment.channel, paymentId, amount: share });
      if (pool.length >= poolSize) convert();
      return;
    }
    if (release === 0) return;
    accumulate(payment.channel, payment.currency, [paymentId], share);
  });
  return { log, received, sent, convertedOut, convertedIn, outputs };
};

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('ledger property', () => {
  it(`after ${PAYMENTS} random payments over random owners, batches, conversions and failures, the books balance to the unit and match the read model`, () => {
    const seen = { conversions: 0, allocated: 0, paidFromConversions: 0 };
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { log, received, sent, convertedOut, convertedIn, outputs } = play(scenario);
        const ledger = foldLedger(log.events);
        const rows = foldRows(balancesProjection.rows, log.events).owner_balances!.map((row) => channelBalanceFromRow(row as Parameters<typeof channelBalanceFromRow>[0]));
        expect(checkLedger(ledger, rows)).toEqual([]);
        // And against the scenario's own count, not only against itself.
        expect(sum(ledger.owners.map((owner) => owner.received))).toBe(received);
        expect(sum(ledger.owners.map((owner) => owner.paidOut))).toBe(sent);
        expect(sum(ledger.owners.map((owner) => owner.convertedOut))).toBe(convertedOut);
        expect(sum(ledger.owners.map((owner) => owner.convertedIn))).toBe(convertedIn);
        for (const owner of ledger.owners) {
          expect(owner.received + owner.convertedIn).toBe(owner.fees + owner.convertedOut + owner.paidOut + owner.pending);
          expect(owner.inPayout <= owner.pending).toBe(true);
          if (owner.ownerId === null) expect(owner.paidOut + owner.convertedIn + owner.convertedOut).toBe(0n);
        }
        // Every micro-batch allocation sums to its conversion: what a sent conversion gave is allocated to the unit.
        expect(ledger.conversions.map((conversion) => conversion.conversionId)).toEqual([...outputs.keys()]);
        for (const conversion of ledger.conversions) {
          const output = outputs.get(conversion.conversionId)!;
          expect(conversion.received).toBe(output < 0n ? null : output);
          expect(conversion.allocated).toBe(output < 0n ? 0n : output);
        }
        seen.conversions += ledger.conversions.length;
        seen.allocated += ledger.conversions.filter((conversion) => conversion.allocations > 0).length;
        seen.paidFromConversions += ledger.accounts.filter((account) => account.convertedIn > 0n && account.paidOut > 0n).length;
      }),
      { numRuns: 25 },
    );
    // The scenarios did exercise conversions, allocations and owner payouts of allocated stable coin.
    expect(seen.conversions).toBeGreaterThan(25);
    expect(seen.allocated).toBeGreaterThan(0);
    expect(seen.paidFromConversions).toBeGreaterThan(0);
  });

  it('any one owner PayoutSent changed by some units is caught, naming its owner and the difference', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.bigInt({ min: -1000n, max: 1000n }).filter((delta) => delta !== 0n), (scenario, pick, delta) => {
        const { log } = play(scenario);
        const sentEvents = log.events.filter((event) => event.type === 'PayoutSent' && (event.data as { ownerId?: string }).ownerId !== undefined);
        fc.pre(sentEvents.length > 0);
        const target = sentEvents[pick % sentEvents.length]!;
        const data = target.data as { ownerId: string; channelId: string; amount: { amount: string } };
        const tampered = log.events.map((event) =>
          event === target ? { ...event, data: { ...data, amount: { ...data.amount, amount: (BigInt(data.amount.amount) + delta).toString() } } } : event,
        );
        const found = checkLedger(foldLedger(tampered));
        const identity = expect.objectContaining({ kind: 'identity', ownerId: data.ownerId, channelId: data.channelId, difference: -delta });
        // A tamper below zero is also named as the event it is.
        const negative = BigInt(data.amount.amount) + delta <= 0n;
        expect(found).toEqual(negative ? [identity, expect.objectContaining({ kind: 'event', eventId: target.id })] : [identity]);
      }),
      { numRuns: 15 },
    );
  });

  it('any one conversion allocation, or a conversion’s share, changed by some units is caught', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.bigInt({ min: -1000n, max: 1000n }).filter((delta) => delta !== 0n), (scenario, pick, delta) => {
        const { log } = play(scenario);
        const targets = log.events.filter((event) => (event.type === 'PayoutAccumulated' && (event.data as { from?: unknown }).from !== undefined) || event.type === 'ConversionStarted');
        fc.pre(targets.length > 0);
        const target = targets[pick % targets.length]!;
        const plus = (money: { amount: string }) => ({ ...money, amount: (BigInt(money.amount) + delta).toString() });
        const data = target.data as { amount: { amount: string }; shares?: { channelId: string; amount: { amount: string } }[] };
        // An allocation: its amount; a conversion: its first channel's share (and the total with it, so only the share is off).
        const changed = data.shares ? { ...data, amount: plus(data.amount), shares: [{ ...data.shares[0]!, amount: plus(data.shares[0]!.amount) }, ...data.shares.slice(1)] } : { ...data, amount: plus(data.amount) };
        const found = checkLedger(foldLedger(log.events.map((event) => (event === target ? { ...event, data: changed } : event))));
        if (data.shares) {
          // The converted account's identity is off by the change (and anything derived from the share is named as an event).
          expect(found).toContainEqual(expect.objectContaining({ kind: 'identity', channelId: data.shares[0]!.channelId, currency: POOLED, difference: -delta }));
        } else expect(found).toContainEqual(expect.objectContaining({ kind: 'event', eventId: target.id }));
      }),
      { numRuns: 15 },
    );
  });
});
