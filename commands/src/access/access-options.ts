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
};

export type ResolvedLifecycleOptions = Required<Omit<LifecycleOptions, 'botUsername'>> & { botUsername?: string };

export const DEFAULT_GRACE_SECONDS = 86_400;
export const DEFAULT_LINK_TTL_SECONDS = 86_400;
export const DEFAULT_LEASE_SECONDS = 60;

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
    ...(options.botUsername === undefined ? {} : { botUsername: options.botUsername }),
  };
};

export const renewHint = (options: ResolvedLifecycleOptions, channelId: string) => ({
  channelId,
  ...(options.botUsername === undefined ? {} : { botUsername: options.botUsername }),
});
