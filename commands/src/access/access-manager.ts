import { randomUUID } from 'node:crypto';
import {
  isPayGateError,
  linkClaimHeldByOther,
  messages,
  parsePaymentEvent,
  PayGateError,
  type ChannelState,
  type EventMetadata,
  type EventStore,
  type PaymentReceived,
  type RecordedEvent,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { inProgressError, withRateLimit, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { accessMaxInFlight, resolveLifecycleOptions, type LifecycleOptions, type ResolvedLifecycleOptions } from './access-options.ts';
import { causedBy, executeSubscriptionCommandOn, loadSubscriptionAt, type SubscriptionAt } from './subscription-store.ts';

export const ACCESS_MANAGER_NAME = 'access-manager';

export type AccessManagerDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  options?: LifecycleOptions;
  rateLimit?: RateLimitPolicy;
  /**
   * Names this process in its claims (default: a random UUID per manager). A redelivery to the
   * same process continues its own claim at once; another process waits for the lease to end.
   */
  workerId?: string;
};

type Registered = Extract<ChannelState, { status: 'registered' }>;
type Paid = PaymentReceived['data'];

const requireChannel = async (eventStore: EventStore, channelId: string): Promise<Registered> => {
  const channel = await loadChannel(eventStore, channelId);
  if (channel.status !== 'registered') throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
  return channel;
};

/**
 * Claim, create, record: the claim (InviteLinkRequested, lease) keeps concurrent deliveries from
 * making links; the link is a join-request link, so one whose recording was lost to a crash
 * admits nobody (its join requests are declined as an orphan); the grant records the one link
 * PayGate honours. A link that lost a race to another grant is revoked at once. Each append is
 * decided on the state the step before left, with no read in between unless someone else wrote
 * (executeSubscriptionCommandOn).
 */
const grantWithNewLink = async (
  deps: AccessManagerDeps,
  options: ResolvedLifecycleOptions,
  paid: Paid,
  channel: Registered,
  claimId: string,
  metadata: EventMetadata,
  known: SubscriptionAt,
): Promise<SubscriptionAt> => {
  const { eventStore, telegram, clock } = deps;
  const { channelId, subscriberId, invoiceId, paymentId } = paid;
  const requestedAt = clock();
  let claimed: SubscriptionAt;
  try {
    const data = { channelId, subscriberId, invoiceId, paymentId, claimId, requestedAt: requestedAt.toISOString(), leaseSeconds: options.leaseSeconds };
    claimed = await executeSubscriptionCommandOn(eventStore, known, { type: 'RequestInviteLink', data }, metadata);
  } catch (error) {
    const wait = isPayGateError(error) && error.kind === 'conflict' ? error.details.retryAfterSeconds : undefined;
    if (typeof wait === 'number') throw inProgressError(`invoice ${invoiceId}: another worker is creating the link`, wait);
    throw error;
  }
  if (claimed.state.grants.has(invoiceId)) return claimed;
  const request = claimed.state.linkRequests.get(invoiceId);
  if (request?.claimId !== claimId) throw inProgressError(`invoice ${invoiceId}: another worker holds the claim`, options.leaseSeconds);

  const expireDate = Math.floor(requestedAt.getTime() / 1000) + options.linkTtlSeconds;
  // Not paced against the message budget: Telegram's published limits (about 30 messages a
  // second, one a second per chat) are on messages sent to chats, and making a link sends nobody
  // anything. Its own limits are unpublished; a 429 on it is waited out or redelivered (withRateLimit).
  const link = await withRateLimit(
    () => telegram.createChatInviteLink({ chatId: channel.chatId, name: request.linkName, expireDate, createsJoinRequest: true }),
    deps.rateLimit,
  );
  const grant = {
    channelId,
    subscriberId,
    invoiceId,
    paymentId,
    tierId: paid.tierId,
    chatId: channel.chatId,
    durationDays: paid.durationDays,
    inviteLink: link.inviteLink,
    linkName: request.linkName,
    linkExpiresAt: new Date(expireDate * 1000).toISOString(),
    grantedAt: clock().toISOString(),
    graceSeconds: options.graceSeconds,
  };
  const granted = await executeSubscriptionCommandOn(eventStore, claimed, { type: 'GrantAccess', data: grant }, metadata);
  if (granted.state.grants.get(invoiceId)?.inviteLink !== link.inviteLink) {
    // Another delivery recorded its link first (our lease had run out): ours must not linger.
    await withRateLimit(() => telegram.revokeChatInviteLink({ chatId: channel.chatId, inviteLink: link.inviteLink }), deps.rateLimit);
  }
  return granted;
};

/** The DM with the link, once: skipped when done, deferred while another worker's claim is fresh. */
const sendLink = async (
  deps: AccessManagerDeps,
  options: ResolvedLifecycleOptions,
  paid: Paid,
  channel: Registered,
  known: SubscriptionAt,
  claimId: string,
  metadata: EventMetadata,
): Promise<void> => {
  const { channelId, subscriberId, invoiceId } = paid;
  const { state } = known;
  const grant = state.grants.get(invoiceId);
  if (!grant || grant.sent !== null || !state.period) return;
  const now = deps.clock();
  const held = linkClaimHeldByOther(state, invoiceId, claimId, now.getTime(), options.leaseSeconds);
  if (held) throw inProgressError(`invoice ${invoiceId}: another worker is sending the link`, held.retryAfterSeconds);
  const renewal = Date.parse(state.period.startsAt) < Date.parse(grant.grantedAt);
  const params = { channelTitle: channel.title, inviteLink: grant.inviteLink, linkExpiresAt: grant.linkExpiresAt, endsAt: state.period.endsAt, renewal, now };
  const text = messages.inviteLink(options.locale, params);
  const keyboard = [[{ text: messages.joinButton(options.locale, { channelTitle: channel.title }), url: grant.inviteLink }]];
  const outcome = await sendDirectMessage({ ...deps }, { userId: subscriberId, text, keyboard });
  const data = { channelId, subscriberId, invoiceId, ...outcome, sentAt: deps.clock().toISOString() };
  await executeSubscriptionCommandOn(deps.eventStore, known, { type: 'RecordInviteLinkSent', data }, metadata);
};

/**
 * On PaymentReceived: one invite link per paid invoice (AccessGranted + SubscriptionStarted or
 * SubscriptionExtended), then the DM with it (InviteLinkSent). Every step first looks at the
 * subscription stream, so a redelivery does only what is missing. See docs/subscriptions.md.
 */
export const createAccessManager = (given: AccessManagerDeps): ProcessManager => {
  // Invite links and their DMs are access messages: they go before reminders and owner notices.
  const deps = { ...given, telegram: atPriority(given.telegram, 'access') };
  const options = resolveLifecycleOptions(deps.options);
  const workerId = deps.workerId ?? randomUUID();
  // Two deliveries of one event inside this process (an ack-wait redelivery while the first
  // still runs) would share a claim: the second waits instead.
  const inFlight = new Set<string>();
  return {
    name: ACCESS_MANAGER_NAME,
    handles: ['PaymentReceived'],
    maxInFlight: accessMaxInFlight(options.messagesPerSecond),
    async handle(recorded: RecordedEvent) {
      const event = parsePaymentEvent(recorded);
      if (event.type !== 'PaymentReceived') return;
      const paid = event.data;
      const metadata = causedBy(recorded);
      // Both reads at once: under load each waits its turn for a database connection.
      const [channel, loaded] = await Promise.all([
        requireChannel(deps.eventStore, paid.channelId),
        loadSubscriptionAt(deps.eventStore, paid.channelId, paid.subscriberId),
      ]);
      const claimId = `${workerId}/${recorded.id}`;
      let subscription = loaded;
      if (subscription.state.grants.get(paid.invoiceId)?.sent) return; // a redelivery of finished work
      if (subscription.state.refundedInvoices.has(paid.invoiceId) && !subscription.state.grants.has(paid.invoiceId)) return; // refunded before the grant
      if (inFlight.has(recorded.id)) throw inProgressError(`event ${recorded.id} is being handled in this process`, 1);
      inFlight.add(recorded.id);
      try {
        if (!subscription.state.grants.has(paid.invoiceId)) subscription = await grantWithNewLink(deps, options, paid, channel, claimId, metadata, subscription);
        await sendLink(deps, options, paid, channel, subscription, claimId, metadata);
      } finally {
        inFlight.delete(recorded.id);
      }
    },
  };
};
