import { randomUUID } from 'node:crypto';
import {
  channelDecider,
  channelStreamId,
  findTier,
  foldEvents,
  inviteLinkName,
  invoiceDecider,
  invoiceSnapshot,
  invoiceStreamId,
  money,
  moneyFromJson,
  paymentDecider,
  paymentStreamId,
  splitDecider,
  splitStreamId,
  subscriptionDecider,
  subscriptionStreamId,
  unmatchedPaymentDecider,
  unmatchedPaymentStreamId,
  type ChannelEvent,
  type Decider,
  type EventStore,
  type InvoiceEvent,
  type PaymentNotice,
  type PaymentStatus,
} from '@paygate/domain';

type Event = { type: string; data: unknown };

/** A stream kept in memory while its purchase is generated: the decider folds over what it decided so far. */
const stream = <Command, E extends Event, State>(decider: Decider<Command, E, State>, id: string, history: E[] = []) => {
  const events: E[] = [...history];
  const fresh: E[] = [];
  return {
    id,
    events,
    fresh,
    run(command: Command) {
      const decided = decider.decide(command, foldEvents(decider, events));
      events.push(...decided);
      fresh.push(...decided);
      return decided;
    },
  };
};

const CHANNELS = 200;
const SUBSCRIBERS_PER_CHANNEL = 400;

/**
 * Events a PayGate of `CHANNELS` channels records, made by the domain's own deciders (so every
 * event is one the product would append, validated by its schema): each purchase is an invoice
 * created and linked, IPNs waiting → confirming → finished (one in eight only partially paid, one
 * in twenty-five an IPN for no known invoice), the split of what was received, and the invite
 * link and grant of its subscription (subscribers come back, so subscriptions are renewed).
 * Every 100th purchase of a channel pays its owner out (batch, payout started, sent).
 */
export const createPurchaseGenerator = () => {
  let second = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1) + 1_000 * second++).toISOString();
  const channels = new Map<string, ChannelEvent[]>();
  const channel = (index: number) => {
    const channelId = `ch-bench-${index}`;
    let events = channels.get(channelId);
    const created: { streamId: string; events: Event[] }[] = [];
    if (!events) {
      const s = stream(channelDecider, channelStreamId(channelId));
      s.run({ type: 'RegisterChannel', data: { channelId, chatId: `-100${1_000_000 + index}`, ownerId: String(5_000 + (index % 50)), title: `Bench ${index}`, registeredAt: at() } });
      s.run({ type: 'PriceTier', data: { channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30, pricedAt: at() } });
      channels.set(channelId, (events = s.events));
      created.push({ streamId: s.id, events: s.fresh });
    }
    return { channelId, state: foldEvents(channelDecider, events), created };
  };
  const subscriptions = new Map<string, Event[]>();

  /** The streams (and their new events) of purchase `i`. */
  return (i: number): { streamId: string; events: Event[] }[] => {
    const { channelId, state, created } = channel(i % CHANNELS);
    const out = [...created];
    const invoiceId = `inv-bench-${i}`;
    const paymentId = String(7_000_000_000 + i);
    const subscriberId = String(100_000 + (Math.floor(i / CHANNELS) % SUBSCRIBERS_PER_CHANNEL));
    if (i % 25 === 24) {
      const unmatched = stream(unmatchedPaymentDecider, unmatchedPaymentStreamId(paymentId));
      unmatched.run({ type: 'RecordUnmatchedPayment', data: { notice: notice(paymentId, null, 'finished', at()) } });
      return [...out, { streamId: unmatched.id, events: unmatched.fresh }];
    }
    const invoice = stream(invoiceDecider, invoiceStreamId(invoiceId));
    invoice.run({ type: 'CreateInvoice', data: { invoiceId, channelId, tierId: 'monthly', subscriberId, tier: findTier(state, 'monthly'), createdAt: at() } });
    invoice.run({ type: 'LinkInvoice', data: { invoiceId, providerInvoiceId: `np-${i}`, invoiceUrl: `https://nowpayments.io/payment/?iid=np-${i}`, linkedAt: at() } });
    out.push({ streamId: invoice.id, events: invoice.fresh });
    const snapshot = invoiceSnapshot(foldEvents(invoiceDecider, invoice.events as InvoiceEvent[]))!;
    const payment = stream(paymentDecider, paymentStreamId(paymentId));
    const partial = i % 8 === 7;
    const statuses: PaymentStatus[] = partial ? ['waiting', 'partially_paid'] : ['waiting', 'confirming', 'finished'];
    for (const status of statuses) {
      payment.run({ type: 'RecordPaymentStatus', data: { notice: notice(paymentId, invoiceId, status, at(), partial ? { actuallyPaid: 20 } : {}), invoice: snapshot } });
    }
    out.push({ streamId: payment.id, events: payment.fresh });
    const received = payment.events.find((event) => event.type === 'PaymentReceived');
    if (received?.type !== 'PaymentReceived') return out;
    const split = stream(splitDecider, splitStreamId(paymentId));
    split.run({ type: 'CalculateSplit', data: { paymentId, invoiceId, channelId, ownerId: '5000', gross: moneyFromJson(received.data.outcome), feeBps: 250, calculatedAt: at() } });
    out.push({ streamId: split.id, events: split.fresh });
    const subscriptionId = subscriptionStreamId(channelId, subscriberId);
    const subscription = stream(subscriptionDecider, subscriptionId, subscriptions.get(subscriptionId) as never);
    const pair = { channelId, subscriberId };
    subscription.run({ type: 'RequestInviteLink', data: { ...pair, invoiceId, paymentId, claimId: `claim-${invoiceId}`, requestedAt: at(), leaseSeconds: 60 } });
    const grantedAt = at();
    subscription.run({
      type: 'GrantAccess',
      data: {
        ...pair,
        invoiceId,
        paymentId,
        tierId: 'monthly',
        chatId: '-1001234567890',
        durationDays: 30,
        inviteLink: `https://t.me/+${invoiceId}`,
        linkName: inviteLinkName(invoiceId, 1),
        linkExpiresAt: new Date(Date.parse(grantedAt) + 86_400_000).toISOString(),
        grantedAt,
        graceSeconds: 86_400,
      },
    });
    subscriptions.set(subscriptionId, subscription.events);
    out.push({ streamId: subscription.id, events: subscription.fresh });
    return out;
  };
};

const notice = (paymentId: string, orderId: string | null, status: PaymentStatus, receivedAt: string, patch: Partial<PaymentNotice> = {}): PaymentNotice => ({
  paymentId,
  orderId,
  status,
  priceAmount: 12.5,
  priceCurrency: 'usd',
  actuallyPaid: 49.71,
  payCurrency: 'usdttrc20',
  outcomeAmount: 49.2129,
  outcomeCurrency: 'usdttrc20',
  receivedAt,
  ...patch,
});

/** Appends purchases until the log holds at least `total` events (`writers` at once, one append per stream and purchase). */
export const seedPurchaseLog = async (eventStore: EventStore, total: number, writers = 48): Promise<{ events: number; perSecond: number }> => {
  const started = performance.now();
  const generate = createPurchaseGenerator();
  let events = 0;
  let next = 0;
  const worker = async () => {
    while (events < total) {
      const streams = generate(next++);
      events += streams.reduce((sum, s) => sum + s.events.length, 0);
      for (const { streamId, events: batch } of streams) {
        if (batch.length === 0) continue;
        await eventStore.append(streamId, batch.map((event) => ({ id: randomUUID(), type: event.type, data: event.data as Record<string, unknown>, metadata: {} })));
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, worker));
  return { events, perSecond: (events * 1000) / (performance.now() - started) };
};
