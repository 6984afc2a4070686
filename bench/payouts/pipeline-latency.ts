import type pg from 'pg';
import type { RunningPayGate } from '../../infra/src/runtime/index.ts';
import { summarise, type Summary } from '../lib/stats.ts';
import type { BenchChannel, Route } from './seed.ts';

type Paid = { paymentId: string; route: Route };

/** Per payment: where its time went, from the events' recorded_at (each append transaction's start). */
export type PaymentTimeline = {
  route: Route;
  payoutId: string;
  received: number;
  started: number;
  signed: number;
  /** The transfer confirmed: SwapExecuted on the swap route; PayoutSent itself on the direct route. */
  confirmed: number;
  sent: number;
};

export type PhaseResult = {
  paid: number;
  /** Payments whose payout was sent / still running or stopped (failed, held) at the deadline. */
  sentPayments: number;
  unfinished: number;
  failedOrHeld: number;
  payouts: number;
  /** Payouts that carried more than one payment (instant payouts of one channel coalesced). */
  batched: number;
  timelines: PaymentTimeline[];
  /** PaymentReceived → PayoutSent, all / per route; rate = payouts per second over the phase. */
  total: Summary;
  byRoute: Record<Route, Summary>;
  stage: Record<'toStarted' | 'toSigned' | 'toConfirmed' | 'toSent', Summary>;
  /** First PaymentReceived → last PayoutSent. */
  seconds: number;
  payoutsPerSecond: number;
  /** Host-wallet transfers that needed a replacement (ReplaceTransfer) and payout steps that failed and were retried. */
  replaced: number;
};

type EventRow = { stream_id: string; type: string; data: Record<string, unknown>; at: string };

const eventsSince = async (pool: pg.Pool, since: Date): Promise<EventRow[]> =>
  (
    await pool.query<EventRow>(
      `SELECT stream_id, type, data, (extract(epoch FROM recorded_at) * 1000)::float8::text AS at
         FROM paygate_events
        WHERE recorded_at >= $1 AND (type = 'PaymentReceived' OR stream_id LIKE 'payout-%')
        ORDER BY position`,
      [since],
    )
  ).rows;

/**
 * Pays `count` invoices through the NOWPayments sandbox (each played to `finished`: five signed IPNs
 * to the webhook), round-robin over the channels, `inFlight` at a time — 1 waits for each payout to
 * be sent before the next payment, so nothing queues —, then waits until every payment's payout is
 * sent (or `timeoutMs`). All timings come from the event store afterwards.
 */
export const payAndWaitForPayouts = async (
  running: RunningPayGate,
  pool: pg.Pool,
  input: { phase: string; channels: readonly BenchChannel[]; count: number; inFlight: number; timeoutMs: number },
): Promise<PhaseResult> => {
  const { control } = running.paygate.telegram.sandbox!;
  const nowPayments = running.paygate.nowPayments.sandbox!;
  const since = new Date(Date.now() - 1_000);
  // Invoices first, so the timed part is the payments alone.
  const invoices: { invoiceId: string; route: Route }[] = [];
  for (let i = 0; i < input.count; i++) {
    const channel = input.channels[i % input.channels.length]!;
    const subscriberId = String(control.createUser({ firstName: `Payer ${input.phase}/${i}`, startedBot: true }).id);
    const { invoiceId } = await running.paygate.payments.invoices.createInvoice({ channelId: channel.channelId, tierId: 'monthly', subscriberId });
    invoices.push({ invoiceId, route: channel.route });
  }
  const paid: Paid[] = [];
  const sentSoFar = async (): Promise<Set<string>> => {
    const { rows } = await pool.query<{ payment_id: string }>(
      `SELECT jsonb_array_elements_text(s.data->'paymentIds') AS payment_id
         FROM paygate_events s JOIN paygate_events d ON d.stream_id = s.stream_id AND d.type IN ('PayoutSent', 'PayoutFailed', 'PayoutHeld')
        WHERE s.type = 'PayoutStarted' AND s.recorded_at >= $1`,
      [since],
    );
    return new Set(rows.map((row) => row.payment_id));
  };
  const deadline = performance.now() + input.timeoutMs;
  const waitFor = async (paymentIds: readonly string[]) => {
    while (performance.now() < deadline) {
      const done = await sentSoFar();
      if (paymentIds.every((id) => done.has(id))) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(input.inFlight, input.count) }, async () => {
      for (let i = next++; i < input.count; i = next++) {
        const { invoiceId, route } = invoices[i]!;
        const result = await nowPayments.pay(invoiceId);
        if (!result.deliveries.every((delivery) => delivery.delivered)) throw new Error(`invoice ${invoiceId}: an IPN was not delivered`);
        paid.push({ paymentId: String(result.paymentId), route });
        if (input.inFlight === 1) await waitFor([String(result.paymentId)]);
      }
    }),
  );
  await waitFor(paid.map((payment) => payment.paymentId));

  const rows = await eventsSince(pool, since);
  const receivedAt = new Map<string, number>();
  const payouts = new Map<string, { paymentIds: string[]; started: number; signed?: number; executed?: number; sent?: number; stopped?: boolean }>();
  let replaced = 0;
  for (const row of rows) {
    const at = Number(row.at);
    if (row.type === 'PaymentReceived') {
      receivedAt.set(String(row.data.paymentId), at);
      continue;
    }
    const payoutId = row.stream_id;
    if (row.type === 'PayoutStarted') {
      payouts.set(payoutId, { paymentIds: (row.data.paymentIds as string[]).map(String), started: at });
      continue;
    }
    const payout = payouts.get(payoutId);
    if (!payout) continue;
    if (row.type === 'TransferSigned') {
      if (payout.signed === undefined) payout.signed = at;
      else replaced += 1;
    }
    if (row.type === 'SwapExecuted') payout.executed = at;
    if (row.type === 'PayoutSent') payout.sent = at;
    if (row.type === 'PayoutFailed' || row.type === 'PayoutHeld') payout.stopped = true;
  }
  const routeOf = new Map(paid.map((payment) => [payment.paymentId, payment.route]));
  const timelines: PaymentTimeline[] = [];
  let failedOrHeld = 0;
  let batched = 0;
  let mine = 0;
  for (const [payoutId, payout] of payouts) {
    const ours = payout.paymentIds.filter((id) => routeOf.has(id));
    if (ours.length === 0) continue;
    mine += 1;
    if (payout.paymentIds.length > 1) batched += 1;
    if (payout.stopped && payout.sent === undefined) failedOrHeld += ours.length;
    if (payout.sent === undefined || payout.signed === undefined) continue;
    for (const paymentId of ours) {
      const received = receivedAt.get(paymentId);
      if (received === undefined) continue;
      const route = routeOf.get(paymentId)!;
      timelines.push({ route, payoutId, received, started: payout.started, signed: payout.signed, confirmed: payout.executed ?? payout.sent, sent: payout.sent });
    }
  }
  const firstReceived = Math.min(...paid.map((payment) => receivedAt.get(payment.paymentId) ?? Number.POSITIVE_INFINITY));
  const lastSent = Math.max(...timelines.map((timeline) => timeline.sent));
  const spanMs = lastSent - firstReceived;
  const of = (pick: (timeline: PaymentTimeline) => number, only?: Route) =>
    summarise(
      timelines.filter((timeline) => only === undefined || timeline.route === only).map(pick),
      spanMs,
    );
  const sentPayouts = new Set(timelines.map((timeline) => timeline.payoutId)).size;
  return {
    paid: paid.length,
    sentPayments: timelines.length,
    unfinished: paid.length - timelines.length - failedOrHeld,
    failedOrHeld,
    payouts: mine,
    batched,
    timelines,
    total: of((t) => t.sent - t.received),
    byRoute: { direct: of((t) => t.sent - t.received, 'direct'), swap: of((t) => t.sent - t.received, 'swap') },
    stage: {
      toStarted: of((t) => t.started - t.received),
      toSigned: of((t) => t.signed - t.started),
      toConfirmed: of((t) => t.confirmed - t.signed),
      toSent: of((t) => t.sent - t.confirmed, 'swap'),
    },
    seconds: spanMs / 1000,
    payoutsPerSecond: (sentPayouts * 1000) / spanMs,
    replaced,
  };
};
