import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesProjection, channelBalanceFromRow } from '../balances/index.ts';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { checkLedger } from './check-ledger.ts';
import { foldLedger } from './ledger-fold.ts';

const PAYMENTS = 1_000;
const CURRENCIES = ['USDTTRC20', 'USDCERC20'] as const;
const OUTCOMES = ['sent', 'failed', 'failed then sent', 'held', 'running'] as const;

/** A channel: its owner (none: never paid out), and when its balance leaves (never, at once, every n shares). */
const channelArb = fc.record({
  owner: fc.option(fc.integer({ min: 1001, max: 1008 }).map(String), { freq: 6 }),
  release: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 25 })),
});
const paymentArb = (channels: number) =>
  fc.record({
    channel: fc.nat({ max: channels - 1 }),
    // Mostly everyday amounts, sometimes far beyond 2^53.
    gross: fc.oneof({ weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 9n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 30n }) }),
    feeBps: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 250, 10_000)),
    currency: fc.constantFrom(...CURRENCIES),
  });
const scenarioArb = fc.array(channelArb, { minLength: 1, maxLength: 30 }).chain((channels) =>
  fc.record({ channels: fc.constant(channels), payments: fc.array(paymentArb(channels.length), { minLength: PAYMENTS, maxLength: PAYMENTS }), outcomes: fc.array(fc.constantFrom(...OUTCOMES), { minLength: 1, maxLength: 50 }) }),
);
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Plays a scenario as the pipeline would: split, accumulate per channel and currency, release a
 * batch (at once, or every n shares), then each payout runs to the next outcome in the list.
 * Returns the log and what an independent count says was received and sent.
 */
const play = ({ channels, payments, outcomes }: Scenario) => {
  const log = createPayoutLog();
  const balances = new Map<string, { units: bigint; unpaid: string[]; batches: number }>();
  let received = 0n;
  let sent = 0n;
  let payouts = 0;
  payments.forEach((payment, index) => {
    const channelId = `ch${payment.channel}`;
    const { owner, release } = channels[payment.channel]!;
    const paymentId = `pay-${index}`;
    const share = log.split(paymentId, channelId, payment.gross, payment.feeBps, owner ?? undefined, payment.currency);
    received += payment.gross;
    if (owner === null || release === 0 || share === 0n) return;
    const key = `${channelId}/${payment.currency}`;
    const balance = balances.get(key) ?? { units: 0n, unpaid: [], batches: 0 };
    balances.set(key, balance);
    balance.units += share;
    balance.unpaid.push(paymentId);
    log.accumulate(channelId, [paymentId], share, balance.units, payment.currency);
    if (balance.unpaid.length < release) return;
    balance.batches += 1;
    const payoutId = `${channelId}-${payment.currency.toLowerCase()}-${balance.batches}`;
    log.batch(channelId, payoutId, balance.unpaid, balance.units, payment.currency);
    log.start(payoutId, channelId, owner, balance.unpaid, balance.units, payment.currency);
    const outcome = outcomes[payouts++ % outcomes.length]!;
    if (outcome === 'held') log.held(payoutId);
    if (outcome.startsWith('failed')) log.failed(payoutId);
    if (outcome === 'failed then sent') log.resumed(payoutId);
    if (outcome.endsWith('sent')) {
      log.sent(payoutId, channelId, owner, balance.units, payment.currency);
      sent += balance.units;
    }
    balance.units = 0n;
    balance.unpaid = [];
  });
  return { log, received, sent };
};

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('ledger property', () => {
  it(`after ${PAYMENTS} random payments over random owners, batches and failures, the books balance to the unit and match the read model`, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { log, received, sent } = play(scenario);
        const ledger = foldLedger(log.events);
        const rows = foldRows(balancesProjection.rows, log.events).owner_balances!.map((row) => channelBalanceFromRow(row as Parameters<typeof channelBalanceFromRow>[0]));
        expect(checkLedger(ledger, rows)).toEqual([]);
        // And against the scenario's own count, not only against itself.
        expect(sum(ledger.owners.map((owner) => owner.received))).toBe(received);
        expect(sum(ledger.owners.map((owner) => owner.paidOut))).toBe(sent);
        for (const owner of ledger.owners) {
          expect(owner.received).toBe(owner.fees + owner.paidOut + owner.pending);
          expect(owner.inPayout <= owner.pending).toBe(true);
          if (owner.ownerId === null) expect(owner.paidOut).toBe(0n);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('any one PayoutSent changed by some units is caught, naming its owner and the difference', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.bigInt({ min: -1000n, max: 1000n }).filter((delta) => delta !== 0n), (scenario, pick, delta) => {
        const { log } = play(scenario);
        const sentEvents = log.events.filter((event) => event.type === 'PayoutSent');
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
});
