import { paymentStreamId, subscriptionStreamId, type EventStore } from '@paygate/domain';
import { summarise, type Summary } from '../lib/stats.ts';
import type { BenchPayGate } from './paygate-in-process.ts';
import type { Purchase } from './seed.ts';

export type InviteLatencyResult = {
  /** PaymentReceived (its append's recorded_at) → the invite DM seen in the simulator. */
  invite: Summary;
  /** PaymentReceived → the access manager's claim (InviteLinkRequested): relay, NATS, consumer queue. */
  toClaim: Summary;
  /** Claim → DM seen: invite link, grant append, pacing wait, sendMessage. */
  claimToDm: Summary;
  /** One sandbox payment: five signed IPNs posted to the webhook one after the other, each answered. */
  pay: Summary;
  paid: number;
  failedPayments: number;
  delivered: number;
  /** Subscribers who got more than one bot message (a second link or DM). */
  duplicates: number;
  /** First DMs that were not the invite (no t.me/+ link in them). */
  notInvites: number;
  /** Invite DMs per second, first to last: the drain rate, when payments outrun the budget. */
  dmPerSecond: number;
  /** The same, split at the last payment: while the webhook was busy with payments, and after. */
  dmPerSecondWhilePaying: number;
  dmPerSecondAfter: number;
  /** Messages the bot sent the channel owners in the same span (they share the bot's pace). */
  ownerMessages: number;
  /** Worst lag of the open-loop sender behind its schedule (ms): above a few ms the rate was not held. */
  maxSendDelayMs: number;
  drainSeconds: number;
};

const POLL_MS = 5;

/**
 * Open loop: `rate` sandbox payments a second (each played through to `finished`, so the webhook
 * appends PaymentReceived), for `seconds`; then waits for every invite DM. A DM's time is when
 * this process saw it in the simulator (polled every 5 ms), so figures carry up to ~5 ms of
 * observation delay; PaymentReceived's time is its recorded_at (the append transaction's start).
 */
export const benchInviteLatency = async (
  bench: BenchPayGate,
  eventStore: EventStore,
  input: { purchases: readonly Purchase[]; owners: readonly number[]; rate: number; seconds: number; drainTimeoutMs?: number },
): Promise<InviteLatencyResult> => {
  const { control } = bench.telegram;
  const purchases = input.purchases.slice(0, Math.round(input.rate * input.seconds));
  const ownerMessagesBefore = input.owners.reduce((sum, owner) => sum + control.botMessages(owner).length, 0);
  const seenAt = new Map<number, number>();
  const pending = new Set(purchases.map((purchase) => purchase.subscriberId));
  const poll = setInterval(() => {
    const now = Date.now();
    for (const subscriberId of pending) {
      if (control.messages(subscriberId).length > 0) {
        seenAt.set(subscriberId, now);
        pending.delete(subscriberId);
      }
    }
  }, POLL_MS);

  const paymentIds = new Map<number, number>();
  const payLatencies: number[] = [];
  let failedPayments = 0;
  let maxSendDelayMs = 0;
  const started = performance.now();
  const payments: Promise<void>[] = [];
  for (const [i, purchase] of purchases.entries()) {
    const due = started + (i * 1000) / input.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendDelayMs = Math.max(maxSendDelayMs, performance.now() - due);
    const t0 = performance.now();
    payments.push(
      bench.nowPayments.pay(purchase.invoiceId).then(
        (result) => {
          payLatencies.push(performance.now() - t0);
          paymentIds.set(purchase.subscriberId, result.paymentId);
          if (!result.deliveries.every((delivery) => delivery.delivered)) failedPayments += 1;
        },
        () => {
          failedPayments += 1;
        },
      ),
    );
  }
  await Promise.all(payments);
  const paySpan = performance.now() - started;
  const paidAt = Date.now();
  const drainStarted = performance.now();
  const deadline = drainStarted + (input.drainTimeoutMs ?? 300_000);
  while (pending.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  clearInterval(poll);
  const drainSeconds = (performance.now() - drainStarted) / 1000;

  const latencies: number[] = [];
  const toClaim: number[] = [];
  const claimToDm: number[] = [];
  for (const purchase of purchases) {
    const paymentId = paymentIds.get(purchase.subscriberId);
    const seen = seenAt.get(purchase.subscriberId);
    if (paymentId === undefined || seen === undefined) continue;
    const received = (await eventStore.readStream(paymentStreamId(String(paymentId)))).find((event) => event.type === 'PaymentReceived');
    const subscription = await eventStore.readStream(subscriptionStreamId(purchase.channelId, String(purchase.subscriberId)));
    const claim = subscription.find((event) => event.type === 'InviteLinkRequested');
    if (!received || !claim) continue;
    latencies.push(seen - received.recordedAt.getTime());
    toClaim.push(claim.recordedAt.getTime() - received.recordedAt.getTime());
    claimToDm.push(seen - claim.recordedAt.getTime());
  }
  const seen = [...seenAt.values()];
  const dmSpanMs = seen.length > 1 ? Math.max(...seen) - Math.min(...seen) : Number.NaN;
  const [first, last] = [Math.min(...seen), Math.max(...seen)];
  const whilePaying = seen.filter((at) => at <= paidAt).length;
  return {
    invite: summarise(latencies, dmSpanMs),
    toClaim: summarise(toClaim, dmSpanMs),
    claimToDm: summarise(claimToDm, dmSpanMs),
    pay: summarise(payLatencies, paySpan),
    paid: paymentIds.size,
    failedPayments,
    delivered: seenAt.size,
    duplicates: purchases.filter((purchase) => control.messages(purchase.subscriberId).length > 1).length,
    notInvites: purchases.filter((purchase) => {
      const first = control.messages(purchase.subscriberId)[0];
      return first !== undefined && !first.text.includes('https://t.me/+');
    }).length,
    dmPerSecond: (seen.length * 1000) / dmSpanMs,
    dmPerSecondWhilePaying: paidAt > first ? (whilePaying * 1000) / (Math.min(paidAt, last) - first) : 0,
    dmPerSecondAfter: last > paidAt ? ((seen.length - whilePaying) * 1000) / (last - paidAt) : Number.NaN,
    ownerMessages: input.owners.reduce((sum, owner) => sum + control.botMessages(owner).length, 0) - ownerMessagesBefore,
    maxSendDelayMs,
    drainSeconds,
  };
};
