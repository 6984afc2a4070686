import { assertGraceSeconds, PayGateError, type Locale } from '@paygate/domain';

/** Lifecycle settings shared by the access manager, the join handlers and the expiry sweep. */
export type LifecycleOptions = {
  /** After the end, a payment still extends from the end and the subscriber stays in (default 1 day). */
  graceSeconds?: number;
  /** Lifetime of an invite link (default 24 h). */
  linkTtlSeconds?: number;
  /** How long a claim on a link holds off other deliveries (default 60 s); longer than a Telegram call plus an append. */
  leaseSeconds?: number;
  /** The bot's username, for "come back" deep links (https://t.me/<bot>?start=<channelId>). */
  botUsername?: string;
  /** Language of the DMs (subscribers' languages are not recorded yet). */
  locale?: Locale;
  /** The bot's message budget (TELEGRAM_MESSAGES_PER_SECOND, default 30): sizes the access manager's deliveries in flight. */
  messagesPerSecond?: number;
};

export type ResolvedLifecycleOptions = Required<Omit<LifecycleOptions, 'botUsername'>> & { botUsername?: string };

export const DEFAULT_GRACE_SECONDS = 86_400;
export const DEFAULT_LINK_TTL_SECONDS = 86_400;
export const DEFAULT_LEASE_SECONDS = 60;
export const DEFAULT_MESSAGES_PER_SECOND = 30;

/**
 * Deliveries the access manager works on at once: two seconds of the message budget, at least 16.
 * Each delivery holds its slot through its reads, claim, link and grant (round trips that wait
 * for a database connection under load) and then its turn in the pacer; with fewer, the pacer's
 * access queue runs dry and owner notices take the slots, however many invites wait in the broker.
 * Two seconds of the budget keeps the queue fed while that work takes up to about two seconds,
 * and the pacing wait stays far inside the ack wait and the claim's lease.
 */
export const accessMaxInFlight = (messagesPerSecond: number = DEFAULT_MESSAGES_PER_SECOND): number => Math.max(16, Math.ceil(2 * messagesPerSecond));

export const resolveLifecycleOptions = (options: LifecycleOptions = {}): ResolvedLifecycleOptions => {
  const linkTtlSeconds = options.linkTtlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!Number.isInteger(linkTtlSeconds) || linkTtlSeconds < 60 || linkTtlSeconds > 30 * 86_400) {
    throw new PayGateError('validation', 'linkTtlSeconds must be an integer from 60 to 30 days', { linkTtlSeconds });
  }
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) throw new PayGateError('validation', 'leaseSeconds must be a positive integer', { leaseSeconds });
  return {
    graceSeconds: assertGraceSeconds(options.graceSeconds ?? DEFAULT_GRACE_SECONDS),
    linkTtlSeconds,
    leaseSeconds,
    locale: options.locale ?? 'en',
    messagesPerSecond: options.messagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
    ...(options.botUsername === undefined ? {} : { botUsername: options.botUsername }),
  };
};

export const renewHint = (options: ResolvedLifecycleOptions, channelId: string) => ({
  channelId,
  ...(options.botUsername === undefined ? {} : { botUsername: options.botUsername }),
});
