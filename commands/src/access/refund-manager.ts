import {
  isPayGateError,
  messages,
  parsePaymentEvent,
  paymentStreamId,
  refundOutcome,
  refundTakesBackGrant,
  type EventStore,
  type PaymentRefunded,
  type RecordedEvent,
  type SubscriptionRefunded,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { withRateLimit, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { renewHint, resolveLifecycleOptions, type LifecycleOptions } from './access-options.ts';
import { causedBy, executeSubscriptionCommand, executeSubscriptionCommandOn, loadSubscriptionAt } from './subscription-store.ts';

export const REFUND_MANAGER_NAME = 'refund-manager';

export type RefundManagerDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  options?: LifecycleOptions;
  rateLimit?: RateLimitPolicy;
};

// A user Telegram does not know in the chat (never joined, account gone) has nothing to remove.
const notFoundIsDone = (call: Promise<unknown>) =>
  call.catch((error: unknown) => {
    if (!(isPayGateError(error) && error.kind === 'not_found')) throw error;
  });

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
 * policy (docs/payments.md, "Refunds and chargebacks"; refundOutcome in the domain). When nothing
 * of the period would remain the subscriber is removed first (ban, then unban only-if-banned,
 * like expiry), then SubscriptionRefunded (+ AccessRevoked + SubscriptionExpired) is recorded,
 * then the subscriber is told; for a removal that DM is recorded as the period's expiry notice, so
 * the sweep sends no second one (and sends its own if a crash lost this one). Event ids are
 * deterministic and the decider records a refund once, so a redelivery changes nothing.
 */
export const createRefundManager = (given: RefundManagerDeps): ProcessManager => {
  const deps = { ...given, telegram: atPriority(given.telegram, 'access') };
  const options = resolveLifecycleOptions(deps.options);
  const call = <T>(fn: () => Promise<T>) => withRateLimit(fn, deps.rateLimit);

  const remove = (chatId: string, userId: string) =>
    notFoundIsDone(call(() => deps.telegram.banChatMember({ chatId, userId }))).then(() =>
      notFoundIsDone(call(() => deps.telegram.unbanChatMember({ chatId, userId, onlyIfBanned: true }))),
    );

  const tell = async (refunded: SubscriptionRefunded['data'], channelTitle: string, metadata: ReturnType<typeof causedBy>) => {
    const { channelId, subscriberId, effect, endsAt } = refunded;
    const now = deps.clock();
    const text = messages.accessRefunded(options.locale, { channelTitle, effect, ...(endsAt === undefined ? {} : { endsAt }), now, renewHint: renewHint(options, channelId) });
    const outcome = await sendDirectMessage(deps, { userId: subscriberId, text });
    if (effect !== 'revoked' || refunded.previousEndsAt === undefined) return;
    const data = { channelId, subscriberId, period: refunded.previousEndsAt, ...outcome, sentAt: deps.clock().toISOString() };
    await executeSubscriptionCommand(deps.eventStore, { type: 'RecordExpiryNotice', data }, metadata);
  };

  const handleRefund = async (recorded: RecordedEvent, paid: PaymentRefunded['data']) => {
    const { channelId, subscriberId, invoiceId, paymentId } = paid;
    const [channel, known, durationDays] = await Promise.all([
      loadChannel(deps.eventStore, channelId),
      loadSubscriptionAt(deps.eventStore, channelId, subscriberId),
      daysBought(deps.eventStore, paymentId),
    ]);
    if (durationDays === null || known.state.refundedInvoices.has(invoiceId)) return; // nothing granted, or a redelivery of finished work
    const chatId = channel.status === 'registered' ? channel.chatId : null;
    const now = deps.clock();
    const planned = refundOutcome(known.state, { invoiceId, durationDays, now });
    if (planned.effect === 'revoked' && chatId !== null) await remove(chatId, subscriberId);
    const metadata = causedBy(recorded);
    const data = { channelId, subscriberId, invoiceId, paymentId, durationDays, refundedAt: now.toISOString() };
    const { events } = await executeSubscriptionCommandOn(deps.eventStore, known, { type: 'RecordRefund', data }, metadata);
    const refunded = events.find((event) => event.type === 'SubscriptionRefunded');
    if (refunded?.type !== 'SubscriptionRefunded' || chatId === null || channel.status !== 'registered') return;
    // The stream moved between the look and the append (a grant landed): remove now what the append decided to end.
    if (refunded.data.effect === 'revoked' && planned.effect !== 'revoked') await remove(chatId, subscriberId);
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
