import {
  messages,
  ownerNotificationDecider,
  ownerNotificationStreamId,
  parseOwnerNotificationEvent,
  parsePaymentEvent,
  parsePayoutEvent,
  parseSubscriptionEvent,
  refundTakesBackGrant,
  type EventStore,
  type Locale,
  type OwnerNotificationEvent,
  type OwnerNotificationKind,
  type OwnerNotificationState,
  type RecordedEvent,
  type TelegramGateway,
} from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import { loadChannel } from '../channel/index.ts';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { loadPayout } from '../payout/payout-streams.ts';
import { sendDirectMessage } from './direct-message.ts';
import { createOwnerDigest, type OwnerDigestOptions } from './owner-digest.ts';
import { thankDonor } from './donor-thanks.ts';
import { donationNoticeFor } from './donation-notices.ts';
import type { RateLimitPolicy } from './telegram-calls.ts';
import { atPriority } from './telegram-priority.ts';

export const NOTIFIER_NAME = 'owner-notifier';

export type NotifierDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  locale?: Locale;
  rateLimit?: RateLimitPolicy;
  /** EXPLORER_TX_URL: a transaction's page, `{hash}` replaced by its hash (payout notices link it). */
  explorerTxUrl?: string;
  /** How notices to one owner are digested under load (default: those waiting 5 s go together). */
  digest?: Omit<OwnerDigestOptions, 'send'>;
};

export type OwnerNotifier = ProcessManager & {
  /** Notices waiting for an owner's next message (a digest). */
  waiting(ownerId: string): number;
};

type Notice = { kind: OwnerNotificationKind; channelId: string; render: (channelTitle: string, now: Date) => string };

/** What an event tells the owner, if anything. */
const noticeFor = async (recorded: RecordedEvent, locale: Locale, deps: NotifierDeps): Promise<Notice | null> => {
  switch (recorded.type) {
    case 'PayoutSent':
    case 'PayoutHeld': {
      const event = parsePayoutEvent(recorded);
      if (event.type === 'PayoutSent') {
        const { channelId, received, payoutHash } = event.data;
        const explorerUrl = deps.explorerTxUrl?.replace('{hash}', payoutHash);
        return { kind: 'payout_sent', channelId, render: (channelTitle) => messages.ownerPayoutSent(locale, { channelTitle, received, payoutHash, ...(explorerUrl ? { explorerUrl } : {}) }) };
      }
      if (event.type !== 'PayoutHeld') return null;
      // The held event names only the payout; its start says whose and how much.
      const { state } = await loadPayout(deps.eventStore, event.data.payoutId);
      if (state.channelId === undefined || state.amount === undefined) return null;
      const { reason } = event.data;
      const amount = state.amount;
      return { kind: 'payout_held', channelId: state.channelId, render: (channelTitle) => messages.ownerPayoutHeld(locale, { channelTitle, amount, reason }) };
    }
    case 'PaymentReceived':
    case 'DonationReceived':
    case 'PaymentUnderpaid':
    case 'PaymentRefunded': {
      const event = parsePaymentEvent(recorded);
      if (event.type === 'DonationReceived') {
        const { channelId, amount, outcome, showName, donorName } = event.data;
        // The donor's name only when they allowed it (it is stored only then, too).
        const name = showName && donorName !== undefined ? { donorName } : {};
        return { kind: 'donation_received', channelId, render: (channelTitle) => messages.ownerDonationReceived(locale, { channelTitle, amount, outcome, ...name }) };
      }
      if (event.type === 'PaymentRefunded' || event.type === 'PaymentUnderpaid') {
        // A donation's refund or shortfall: donation wording, and no donor id (see donation-notices.ts).
        const donation = await donationNoticeFor(deps.eventStore, event, locale);
        const kind = event.type === 'PaymentRefunded' ? 'payment_refunded' : 'payment_underpaid';
        if (donation) return { kind, channelId: event.data.channelId, render: (channelTitle) => donation(channelTitle) };
      }
      if (event.type === 'PaymentRefunded') {
        const { channelId, subscriberId, invoiceId } = event.data;
        const granted = refundTakesBackGrant(event.data);
        return { kind: 'payment_refunded', channelId, render: (channelTitle) => messages.ownerPaymentRefunded(locale, { channelTitle, subscriberId, invoiceId, granted }) };
      }
      if (event.type === 'PaymentReceived') {
        const { channelId, subscriberId, price, outcome, invoiceId } = event.data;
        return { kind: 'payment_received', channelId, render: (channelTitle) => messages.ownerPaymentReceived(locale, { channelTitle, subscriberId, price, outcome, invoiceId }) };
      }
      if (event.type !== 'PaymentUnderpaid') return null;
      const { channelId, subscriberId, price, actuallyPaid, payAmount, payCurrency, invoiceId } = event.data;
      const params = { subscriberId, price, actuallyPaid, payCurrency, invoiceId, ...(payAmount === undefined ? {} : { payAmount }) };
      return { kind: 'payment_underpaid', channelId, render: (channelTitle) => messages.ownerPaymentUnderpaid(locale, { channelTitle, ...params }) };
    }
    case 'SubscriptionStarted':
    case 'SubscriptionExtended': {
      const event = parseSubscriptionEvent(recorded);
      if (event.type !== 'SubscriptionStarted' && event.type !== 'SubscriptionExtended') return null;
      const { channelId, subscriberId, endsAt } = event.data;
      return event.type === 'SubscriptionStarted'
        ? { kind: 'new_subscriber', channelId, render: (channelTitle, now) => messages.ownerNewSubscriber(locale, { channelTitle, subscriberId, endsAt, now }) }
        : { kind: 'renewal', channelId, render: (channelTitle, now) => messages.ownerRenewal(locale, { channelTitle, subscriberId, endsAt, now }) };
    }
    default:
      return null;
  }
};

/**
 * Tells channel owners about new subscribers, renewals, payments, donations, underpayments and refunds
 * (and thanks a donor for their donation, see donor-thanks.ts). Each causing
 * event is recorded once as OwnerNotified on `owner-notification-<eventId>` with an id derived
 * from the cause, so redeliveries send nothing more. Notices rank last in Telegram's queue; when
 * they queue up for one owner beyond the digest interval they go together as one digest, and
 * each is recorded with that message. An owner who blocked the bot
 * is recorded (TelegramUserBlockedBot, OwnerNotified delivery 'blocked') and not retried; a long
 * 429 is thrown so the broker redelivers with backoff.
 */
export const createOwnerNotifier = (deps: NotifierDeps): OwnerNotifier => {
  const locale = deps.locale ?? 'en';
  const dm = { ...deps, telegram: atPriority(deps.telegram, 'notice') };
  const digest = createOwnerDigest({ ...deps.digest, send: (ownerId, text) => sendDirectMessage(dm, { userId: ownerId, text }) });
  // The donor's thank-you rides on the owner's notice of the same event; it is recorded on its own stream.
  const thankTheDonor = async (recorded: RecordedEvent): Promise<void> => {
    const event = parsePaymentEvent(recorded);
    if (event.type !== 'DonationReceived') return;
    const channel = await loadChannel(deps.eventStore, event.data.channelId);
    const title = channel.status === 'registered' ? channel.title : event.data.channelId;
    await thankDonor(dm, recorded, event.data, title, locale);
  };
  return {
    name: NOTIFIER_NAME,
    handles: ['PaymentReceived', 'DonationReceived', 'PaymentUnderpaid', 'PaymentRefunded', 'SubscriptionStarted', 'SubscriptionExtended', 'PayoutSent', 'PayoutHeld'],
    waiting: (ownerId) => digest.waiting(ownerId),
    async handle(recorded) {
      const notice = await noticeFor(recorded, locale, deps);
      if (!notice) return;
      if (recorded.type === 'DonationReceived') await thankTheDonor(recorded);
      const streamId = ownerNotificationStreamId(recorded.id);
      const done = await deps.eventStore.readStream(streamId, { maxCount: 1 });
      if (done.length > 0) return;
      const channel = await loadChannel(deps.eventStore, notice.channelId);
      if (channel.status !== 'registered') return; // nobody to tell
      const text = notice.render(channel.title, deps.clock());
      const outcome = await digest.deliver(channel.ownerId, { id: recorded.id, channelTitle: channel.title, kind: notice.kind, text });
      const data = {
        ownerId: channel.ownerId,
        channelId: notice.channelId,
        kind: notice.kind,
        causeEventId: recorded.id,
        ...outcome,
        notifiedAt: deps.clock().toISOString(),
      };
      await handleCommand<OwnerNotificationState, OwnerNotificationEvent>({
        eventStore: deps.eventStore,
        streamId,
        initialState: () => ownerNotificationDecider.initialState,
        evolve: (state, event) => ownerNotificationDecider.evolve(state, parseOwnerNotificationEvent(event)),
        decide: (state) => ownerNotificationDecider.decide({ type: 'RecordOwnerNotified', data }, state),
        eventId: () => deterministicId('OwnerNotified', recorded.id),
        metadata: causedBy(recorded),
      });
    },
  };
};
