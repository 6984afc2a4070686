import {
  channelDecider,
  channelStreamId,
  findTier,
  foldEvents,
  invoiceDecider,
  invoiceSnapshot,
  invoiceStreamId,
  money,
  paymentDecider,
  paymentStreamId,
  subscriptionDecider,
  subscriptionStreamId,
  type ChannelEvent,
  type InvoiceEvent,
  type InvoiceSnapshot,
  type PaymentEvent,
  type PaymentNotice,
  type SubscriptionEvent,
} from '@paygate/domain';

// Given events made by the deciders themselves, so a fixture is always an event the schemas accept
// and the handlers would have appended; tests state only what differs.

export const T0 = '2026-01-01T00:00:00.000Z';
export const OWNER = '1001';
export const CHAT = '-1001000000001';

export type ChannelFixture = { channelId: string; chatId?: string; ownerId?: string; title?: string; at?: string };

/** A registered channel with a 12.50 USD, 30-day `monthly` tier. */
export const channelEvents = ({ channelId, chatId = CHAT, ownerId = OWNER, title = 'Alpha signals', at = T0 }: ChannelFixture): ChannelEvent[] => {
  const registered = channelDecider.decide({ type: 'RegisterChannel', data: { channelId, chatId, ownerId, title, registeredAt: at } }, channelDecider.initialState);
  const priced = channelDecider.decide(
    { type: 'PriceTier', data: { channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30, pricedAt: at } },
    foldEvents(channelDecider, registered),
  );
  return [...registered, ...priced];
};

export const channelStream = (fixture: ChannelFixture) => ({ [channelStreamId(fixture.channelId)]: channelEvents(fixture) });

export type InvoiceFixture = { invoiceId: string; channelId: string; subscriberId: string; at?: string };

export const invoiceEvents = ({ invoiceId, channelId, subscriberId, at = T0 }: InvoiceFixture): InvoiceEvent[] => {
  const tier = findTier(foldEvents(channelDecider, channelEvents({ channelId })), 'monthly');
  return invoiceDecider.decide({ type: 'CreateInvoice', data: { invoiceId, channelId, tierId: 'monthly', subscriberId, tier, createdAt: at } }, invoiceDecider.initialState);
};

export const invoiceOf = (fixture: InvoiceFixture): InvoiceSnapshot => invoiceSnapshot(foldEvents(invoiceDecider, invoiceEvents(fixture)))!;

/** A NOWPayments notice for the invoice, paid in full in USDT (TRC-20) unless patched. */
export const notice = (invoiceId: string, paymentId: string, status: PaymentNotice['status'], patch: Partial<PaymentNotice> = {}): Omit<PaymentNotice, 'receivedAt'> => ({
  paymentId,
  orderId: invoiceId,
  status,
  priceAmount: '12.5',
  priceCurrency: 'usd',
  payAmount: '12.502501',
  actuallyPaid: status === 'partially_paid' ? '6.25' : '12.502501',
  payCurrency: 'usdttrc20',
  outcomeAmount: '12.43999',
  outcomeCurrency: 'usdttrc20',
  ...patch,
});

/** The payment stream after these statuses, as the payment decider records them. */
export const paymentEvents = (invoice: InvoiceSnapshot, paymentId: string, statuses: readonly PaymentNotice['status'][], at = T0): PaymentEvent[] =>
  statuses.reduce<PaymentEvent[]>((events, status) => {
    const state = foldEvents(paymentDecider, events);
    const data = { notice: { ...notice(invoice.invoiceId, paymentId, status), receivedAt: at }, invoice };
    return [...events, ...paymentDecider.decide({ type: 'RecordPaymentStatus', data }, state)];
  }, []);

export type PurchaseFixture = InvoiceFixture & {
  paymentId: string;
  statuses?: readonly PaymentNotice['status'][];
  /** The channel's Telegram chat and owner (e.g. the sandbox's). */
  chatId?: string;
  ownerId?: string;
};

/** Channel, invoice and payment streams of a purchase (paid in full unless `statuses` says otherwise). */
export const purchaseStreams = (fixture: PurchaseFixture) => ({
  ...channelStream({ channelId: fixture.channelId, ...(fixture.chatId ? { chatId: fixture.chatId } : {}), ...(fixture.ownerId ? { ownerId: fixture.ownerId } : {}) }),
  [invoiceStreamId(fixture.invoiceId)]: invoiceEvents(fixture),
  [paymentStreamId(fixture.paymentId)]: paymentEvents(invoiceOf(fixture), fixture.paymentId, fixture.statuses ?? ['waiting', 'finished'], fixture.at),
});

export type GrantFixture = { invoiceId: string; at: string; inviteLink?: string; chatId?: string };

/**
 * A subscription's stream after these grants (30 days each, 1 day of grace), as the subscription
 * decider records them: AccessGranted + SubscriptionStarted, or SubscriptionExtended while active.
 */
export const subscriptionEvents = (channelId: string, subscriberId: string, grants: readonly GrantFixture[]): SubscriptionEvent[] =>
  grants.reduce<SubscriptionEvent[]>((events, { invoiceId, at, inviteLink = `https://t.me/+${invoiceId}`, chatId = CHAT }) => {
    const data = {
      channelId,
      subscriberId,
      invoiceId,
      paymentId: `p_${invoiceId}`,
      tierId: 'monthly',
      chatId,
      durationDays: 30,
      inviteLink,
      linkName: `pg1-${invoiceId}`,
      linkExpiresAt: new Date(Date.parse(at) + 86_400_000).toISOString(),
      grantedAt: at,
      graceSeconds: 86_400,
    };
    return [...events, ...subscriptionDecider.decide({ type: 'GrantAccess', data }, foldEvents(subscriptionDecider, events))];
  }, []);

export const subscriptionStream = (channelId: string, subscriberId: string, grants: readonly GrantFixture[]) => ({
  [subscriptionStreamId(channelId, subscriberId)]: subscriptionEvents(channelId, subscriberId, grants),
});
