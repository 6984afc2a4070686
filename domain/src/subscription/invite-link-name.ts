/**
 * The name PayGate gives the invite link of an invoice's attempt: visible to admins in Telegram
 * ("pg1-inv_…"), at most 32 characters (Telegram's limit), and derived, never stored elsewhere,
 * so a join request through a link whose creation was never recorded is still recognised as
 * this subscriber's orphan. Truncation only shortens what admins read; names need not be unique.
 */
export const INVITE_LINK_NAME_MAX = 32;

export const inviteLinkName = (invoiceId: string, attempt: number): string => `pg${attempt}-${invoiceId}`.slice(0, INVITE_LINK_NAME_MAX);
