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
  type SubscriptionState,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { inProgressError, withRateLimit, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { resolveLifecycleOptions, type LifecycleOptions, type ResolvedLifecycleOptions } from './access-options.ts';
import { causedBy, executeSubscriptionCommand, loadSubscription } from './subscription-store.ts';

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
 * PayGate honours. A link that lost a race to another grant is revoked at once.
 */
const grantWithNewLink = async (
  deps: AccessManagerDeps,
  options: ResolvedLifecycleOptions,
  paid: Paid,
  channel: Registered,
  claimId: string,
  metadata: EventMetadata,
): Promise<SubscriptionState> => {
  const { eventStore, telegram, clock } = deps;
  const { channelId, subscriberId, invoiceId, paymentId } = paid;
  const requestedAt = clock();
  let claimed: SubscriptionState;
  try {
    const data = { channelId, subscriberId, invoiceId, paymentId, claimId, requestedAt: requestedAt.toISOString(), leaseSeconds: options.leaseSeconds };
    claimed = (await executeSubscriptionCommand(eventStore, { type: 'RequestInviteLink', data }, metadata)).state;
  } catch (error) {
    const wait = isPayGateError(error) && error.kind === 'conflict' ? error.details.retryAfterSeconds : undefined;
    if (typeof wait === 'number') throw inProgressError(`invoice ${invoiceId}: another worker is creating the link`, wait);
    throw error;
  }
  if (claimed.grants.has(invoiceId)) return claimed;
  const request = claimed.linkRequests.get(invoiceId);
  if (request?.claimId !== claimId) throw inProgressError(`invoice ${invoiceId}: another worker holds the claim`, options.leaseSeconds);

  const expireDate = Math.floor(requestedAt.getTime() / 1000) + options.linkTtlSeconds;
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
  const { state } = await executeSubscriptionCommand(eventStore, { type: 'GrantAccess', data: grant }, metadata);
  if (state.grants.get(invoiceId)?.inviteLink !== link.inviteLink) {
    // Another delivery recorded its link first (our lease had run out): ours must not linger.
    await withRateLimit(() => telegram.revokeChatInviteLink({ chatId: channel.chatId, inviteLink: link.inviteLink }), deps.rateLimit);
  }
  return state;
};

/** The DM with the link, once: skipped when done, deferred while another worker's claim is fresh. */
const sendLink = async (
  deps: AccessManagerDeps,
  options: ResolvedLifecycleOptions,
  paid: Paid,
  channel: Registered,
  state: SubscriptionState,
  claimId: string,
  metadata: EventMetadata,
): Promise<void> => {
  const { channelId, subscriberId, invoiceId } = paid;
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
  await executeSubscriptionCommand(deps.eventStore, { type: 'RecordInviteLinkSent', data }, metadata);
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
    async handle(recorded: RecordedEvent) {
      const event = parsePaymentEvent(recorded);
      if (event.type !== 'PaymentReceived') return;
      const paid = event.data;
      const metadata = causedBy(recorded);
      const channel = await requireChannel(deps.eventStore, paid.channelId);
      const claimId = `${workerId}/${recorded.id}`;
      let state = await loadSubscription(deps.eventStore, paid.channelId, paid.subscriberId);
      if (state.grants.get(paid.invoiceId)?.sent) return; // a redelivery of finished work
      if (inFlight.has(recorded.id)) throw inProgressError(`event ${recorded.id} is being handled in this process`, 1);
      inFlight.add(recorded.id);
      try {
        if (!state.grants.has(paid.invoiceId)) state = await grantWithNewLink(deps, options, paid, channel, claimId, metadata);
        await sendLink(deps, options, paid, channel, state, claimId, metadata);
      } finally {
        inFlight.delete(recorded.id);
      }
    },
  };
};
