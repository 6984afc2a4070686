import {
  messages,
  parsePaymentEvent,
  paymentStreamId,
  refundTakesBackGrant,
  subscriptionStreamId,
  expiryNoticeDue,
  type ChannelState,
  type EventStore,
  type PaymentRefunded,
  type RecordedEvent,
  type SubscriptionRefunded,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { removeFromChat, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { renewHint, resolveLifecycleOptions, type LifecycleOptions } from './access-options.ts';
import { causedBy, executeSubscriptionCommand, executeSubscriptionCommandOn, loadSubscriptionAt, type SubscriptionAt } from './subscription-store.ts';

export const REFUND_MANAGER_NAME = 'refund-manager';

export type RefundManagerDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  options?: LifecycleOptions;
  rateLimit?: RateLimitPolicy;
};

/**
 * The tier's days the refunded payment bought, from its PaymentReceived; null when there is none
 * (an event from before PaymentRefunded carried `granted`, guessed from previousStatus: nothing was granted).
 */
const daysBought = async (eventStore: EventStore, paymentId: string): Promise<number | null> => {
  for (const recorded of await eventStore.readStream(paymentStreamId(paymentId))) {
    const event = recorded.type === 'PaymentReceived' ? parsePaymentEvent(recorded) : null;
    if (event?.type === 'PaymentReceived') return event.data.durationDays;
  }
  return null;
};

/**
 * On PaymentRefunded of a payment that granted access: takes back what it bought by the written
 * policy (docs/payments.md, "Refunds and chargebacks"; refundOutcome in the domain). The decision
 * is appended first (SubscriptionRefunded, + AccessRevoked + SubscriptionExpired when nothing of
 * the period remains); only when that recorded effect is `revoked` is the subscriber removed (ban,
 * then unban only-if-banned, like expiry), then told; for a removal that DM is recorded as the
 * period's expiry notice, so the sweep sends no second one. Removing before the append could
 * remove someone a renewal landing in between keeps (the append then decides `shortened`). A
 * redelivery of a refund recorded as `revoked` removes again while the subscription is still
 * ended (idempotent; a crash between the append and the removal loses nothing) and tells them if
 * no notice was recorded. Event ids are deterministic and the decider records a refund once.
 */
export const createRefundManager = (given: RefundManagerDeps): ProcessManager => {
  const deps = { ...given, telegram: atPriority(given.telegram, 'access') };
  const options = resolveLifecycleOptions(deps.options);

  const remove = (chatId: string, userId: string) => removeFromChat(deps.telegram, { chatId, userId }, deps.rateLimit);

  const tell = async (refunded: SubscriptionRefunded['data'], channelTitle: string, metadata: ReturnType<typeof causedBy>) => {
    const { channelId, subscriberId, effect, endsAt } = refunded;
    const now = deps.clock();
    const text = messages.accessRefunded(options.locale, { channelTitle, effect, ...(endsAt === undefined ? {} : { endsAt }), now, renewHint: renewHint(options, channelId) });
    const outcome = await sendDirectMessage(deps, { userId: subscriberId, text });
    if (effect !== 'revoked' || refunded.previousEndsAt === undefined) return;
    const data = { channelId, subscriberId, period: refunded.previousEndsAt, ...outcome, sentAt: deps.clock().toISOString() };
    await executeSubscriptionCommand(deps.eventStore, { type: 'RecordExpiryNotice', data }, metadata);
  };

  /** The refund of `invoiceId` as recorded on the subscription stream (a redelivery finds it there). */
  const recordedRefund = async (channelId: string, subscriberId: string, invoiceId: string): Promise<SubscriptionRefunded['data'] | undefined> => {
    const events = await deps.eventStore.readStream(subscriptionStreamId(channelId, subscriberId));
    const found = events.find((event) => event.type === 'SubscriptionRefunded' && (event.data as { invoiceId?: unknown }).invoiceId === invoiceId);
    return found ? (found.data as SubscriptionRefunded['data']) : undefined;
  };

  /** A redelivery: a recorded removal is repeated while nothing has granted access since; the DM if none was recorded. */
  const finishRecorded = async (known: SubscriptionAt, paid: PaymentRefunded['data'], channel: ChannelState, metadata: ReturnType<typeof causedBy>) => {
    if (channel.status !== 'registered') return;
    const refunded = await recordedRefund(paid.channelId, paid.subscriberId, paid.invoiceId);
    const period = known.state.period;
    if (refunded?.effect !== 'revoked' || (period !== null && !period.expired)) return;
    await remove(channel.chatId, paid.subscriberId);
    if (refunded.previousEndsAt !== undefined && expiryNoticeDue(known.state, refunded.previousEndsAt)) await tell(refunded, channel.title, metadata);
  };

  const handleRefund = async (recorded: RecordedEvent, paid: PaymentRefunded['data']) => {
    const { channelId, subscriberId, invoiceId, paymentId } = paid;
    const [channel, known, durationDays] = await Promise.all([
      loadChannel(deps.eventStore, channelId),
      loadSubscriptionAt(deps.eventStore, channelId, subscriberId),
      daysBought(deps.eventStore, paymentId),
    ]);
    if (durationDays === null) return; // nothing granted
    const metadata = causedBy(recorded);
    if (known.state.refundedInvoices.has(invoiceId)) return finishRecorded(known, paid, channel, metadata);
    const data = { channelId, subscriberId, invoiceId, paymentId, durationDays, refundedAt: deps.clock().toISOString() };
    const { events } = await executeSubscriptionCommandOn(deps.eventStore, known, { type: 'RecordRefund', data }, metadata);
    const refunded = events.find((event) => event.type === 'SubscriptionRefunded');
    // Nothing recorded by this delivery (another one, running now, recorded it): that one finishes.
    if (refunded?.type !== 'SubscriptionRefunded' || channel.status !== 'registered') return;
    if (refunded.data.effect === 'revoked') await remove(channel.chatId, subscriberId);
    await tell(refunded.data, channel.title, metadata);
  };

  return {
    name: REFUND_MANAGER_NAME,
    handles: ['PaymentRefunded'],
    async handle(recorded) {
      const event = parsePaymentEvent(recorded);
      if (event.type !== 'PaymentRefunded' || !refundTakesBackGrant(event.data)) return;
      await handleRefund(recorded, event.data);
    },
  };
};
