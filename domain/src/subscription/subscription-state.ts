import type { Delivery, SubscriptionEvent } from './subscription-events.ts';

export type Grant = {
  readonly invoiceId: string;
  readonly paymentId: string;
  readonly inviteLink: string;
  readonly linkName: string;
  readonly linkExpiresAt: string;
  readonly grantedAt: string;
  /** Whether the link DM is done (sent, or the user has blocked the bot). */
  readonly sent: Delivery | null;
};

export type LinkRequest = { readonly attempt: number; readonly claimId: string; readonly linkName: string; readonly requestedAt: string };

/** The current (or last) period: `endsAt` names it; an extension starts a new one. */
export type Period = {
  readonly invoiceId: string;
  readonly tierId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** When this period began: the start, or the extension that moved `endsAt`. Reminders before it make no sense. */
  readonly since: string;
  readonly expired: boolean;
  /** Smallest `daysBefore` reminded of in this period; null before any reminder. */
  readonly remindedDays: number | null;
  readonly noticeSent: boolean;
};

export type SubscriptionState = {
  readonly period: Period | null;
  /** By invoice id; Maps keep ids from users just keys. */
  readonly grants: ReadonlyMap<string, Grant>;
  readonly linkRequests: ReadonlyMap<string, LinkRequest>;
  /** Recorded links → invoice id: the only links PayGate lets this subscriber in through. */
  readonly issuedLinks: ReadonlyMap<string, string>;
  /** Link names claimed for this subscriber: a link with such a name but not issued is an orphan of a crash. */
  readonly claimedLinkNames: ReadonlySet<string>;
  readonly approvedLinks: ReadonlySet<string>;
  readonly usedLinks: ReadonlySet<string>;
  readonly declinedLinks: ReadonlySet<string>;
  readonly intrusions: ReadonlySet<string>;
  /** Invoices whose payment was refunded: never granted (again), never refunded twice. */
  readonly refundedInvoices: ReadonlySet<string>;
};

export const initialSubscriptionState: SubscriptionState = {
  period: null,
  grants: new Map(),
  linkRequests: new Map(),
  issuedLinks: new Map(),
  claimedLinkNames: new Set(),
  approvedLinks: new Set(),
  usedLinks: new Set(),
  declinedLinks: new Set(),
  intrusions: new Set(),
  refundedInvoices: new Set(),
};

const withEntry = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);
const withItem = <T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> => new Set(set).add(item);

const updatePeriod = (state: SubscriptionState, period: string, change: Partial<Period>): SubscriptionState =>
  state.period && state.period.endsAt === period ? { ...state, period: { ...state.period, ...change } } : state;

export const evolveSubscription = (state: SubscriptionState, event: SubscriptionEvent): SubscriptionState => {
  switch (event.type) {
    case 'InviteLinkRequested': {
      const { invoiceId, attempt, claimId, linkName, requestedAt } = event.data;
      return {
        ...state,
        linkRequests: withEntry(state.linkRequests, invoiceId, { attempt, claimId, linkName, requestedAt }),
        claimedLinkNames: withItem(state.claimedLinkNames, linkName),
      };
    }
    case 'AccessGranted': {
      const { invoiceId, paymentId, inviteLink, linkName, linkExpiresAt, grantedAt } = event.data;
      return {
        ...state,
        grants: withEntry(state.grants, invoiceId, { invoiceId, paymentId, inviteLink, linkName, linkExpiresAt, grantedAt, sent: null }),
        issuedLinks: withEntry(state.issuedLinks, inviteLink, invoiceId),
      };
    }
    case 'SubscriptionStarted': {
      const { invoiceId, tierId, startsAt, endsAt } = event.data;
      return { ...state, period: { invoiceId, tierId, startsAt, endsAt, since: startsAt, expired: false, remindedDays: null, noticeSent: false } };
    }
    case 'SubscriptionExtended': {
      if (!state.period) return state;
      const { invoiceId, tierId, endsAt, extendedAt } = event.data;
      return { ...state, period: { ...state.period, invoiceId, tierId, endsAt, since: extendedAt, remindedDays: null } };
    }
    case 'InviteLinkSent': {
      const grant = state.grants.get(event.data.invoiceId);
      return grant ? { ...state, grants: withEntry(state.grants, grant.invoiceId, { ...grant, sent: event.data.delivery }) } : state;
    }
    case 'JoinRequestApproved':
      return { ...state, approvedLinks: withItem(state.approvedLinks, event.data.inviteLink) };
    case 'JoinRequestDeclined':
      return { ...state, declinedLinks: withItem(state.declinedLinks, event.data.inviteLink) };
    case 'MemberJoined':
      return { ...state, usedLinks: withItem(state.usedLinks, event.data.inviteLink) };
    case 'IntruderRemoved':
      return { ...state, intrusions: withItem(state.intrusions, event.data.inviteLink) };
    case 'ExpiryReminderSent': {
      const reminded = state.period?.remindedDays;
      const days = reminded === null || reminded === undefined ? event.data.daysBefore : Math.min(reminded, event.data.daysBefore);
      return updatePeriod(state, event.data.period, { remindedDays: days });
    }
    case 'SubscriptionExpired':
      return updatePeriod(state, event.data.period, { expired: true });
    case 'ExpiryNoticeSent':
      return updatePeriod(state, event.data.period, { noticeSent: true });
    case 'SubscriptionRefunded': {
      const { invoiceId, effect, endsAt, refundedAt } = event.data;
      const refunded = { ...state, refundedInvoices: withItem(state.refundedInvoices, invoiceId) };
      // A shortened period is a new one to remind of (from the refund on); `revoked` ends through the events after it.
      if (effect !== 'shortened' || !state.period || endsAt === undefined) return refunded;
      return { ...refunded, period: { ...state.period, endsAt, since: refundedAt, remindedDays: null } };
    }
    default:
      return state;
  }
};
