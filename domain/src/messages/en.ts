import type { MessageCatalogue, RenewHint } from './catalogue.ts';
import { formatAmount, formatReportedAmount, formatUtc, relativeDistance } from './format.ts';

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "in 3 days", "in 5 hours", "2 days ago", "now". */
export const relativeEn = (iso: string, now: Date): string => {
  const { count, unit } = relativeDistance(iso, now);
  if (count === 0) return 'now';
  return count > 0 ? `in ${plural(count, unit)}` : `${plural(-count, unit)} ago`;
};

const when = (iso: string, now: Date) => `${formatUtc(iso)} (${relativeEn(iso, now)})`;

const renew = ({ botUsername, channelId }: RenewHint): string =>
  botUsername ? `https://t.me/${botUsername}?start=${channelId}` : `/start ${channelId}`;

/** The donor's name only when they allowed it (the caller passes it only then). */
const from = (donorName: string | undefined) => (donorName === undefined ? '' : ` from ${donorName}`);

export const en: MessageCatalogue = {
  inviteLink: ({ channelTitle, inviteLink, linkExpiresAt, endsAt, renewal, now }) =>
    [
      renewal ? `Thank you! Your subscription to "${channelTitle}" is extended.` : `Thank you! Your subscription to "${channelTitle}" is active.`,
      `It runs until ${when(endsAt, now)}.`,
      '',
      `Your personal link${renewal ? ' (if you left the channel)' : ''}: ${inviteLink}`,
      `It works for you only, once, until ${formatUtc(linkExpiresAt)}; Telegram asks to send a join request, which is approved at once.`,
    ].join('\n'),
  joinButton: ({ channelTitle }) => `Join "${channelTitle}"`,
  expiryReminder: ({ channelTitle, endsAt, now, renewHint }) =>
    [
      `Your subscription to "${channelTitle}" ends ${relativeEn(endsAt, now)}, on ${formatUtc(endsAt)}.`,
      `Renew before then to keep your access: ${renew(renewHint)}`,
    ].join('\n'),
  accessEnded: ({ channelTitle, endedAt, renewHint }) =>
    [
      `Your subscription to "${channelTitle}" ended on ${formatUtc(endedAt)} and your access was removed.`,
      `You can come back at any time: ${renew(renewHint)}`,
      'Once you pay, you get a new personal link.',
    ].join('\n'),
  joinRequestDeclined: ({ channelTitle, renewHint }) =>
    [
      `Your request to join "${channelTitle}" was declined: that link was not issued to you or is no longer valid.`,
      `To subscribe, or to get your own link: ${renew(renewHint)}`,
    ].join('\n'),
  ownerNewSubscriber: ({ channelTitle, subscriberId, endsAt, now }) =>
    `New subscriber in "${channelTitle}": user ${subscriberId}, until ${when(endsAt, now)}.`,
  ownerRenewal: ({ channelTitle, subscriberId, endsAt, now }) =>
    `User ${subscriberId} renewed in "${channelTitle}": now until ${when(endsAt, now)}.`,
  ownerPayoutSent: ({ channelTitle, received, payoutHash, explorerUrl }) =>
    `Payout sent for "${channelTitle}": ${formatAmount(received)} reached your wallet (transaction ${explorerUrl ?? payoutHash}).`,
  ownerPayoutHeld: ({ channelTitle, amount, reason }) =>
    `Payout of ${formatAmount(amount)} for "${channelTitle}" is held for the operator (${reason.replaceAll('_', ' ')}). It goes out once they resume it.`,
  ownerPaymentReceived: ({ channelTitle, subscriberId, price, outcome, invoiceId }) =>
    `Payment received for "${channelTitle}": ${formatAmount(price)} from user ${subscriberId} (${formatAmount(outcome)} arrived; invoice ${invoiceId}).`,
  ownerDonationReceived: ({ channelTitle, amount, outcome, donorName }) =>
    `New donation of ${formatAmount(amount)} to "${channelTitle}"${from(donorName)} (${formatAmount(outcome)} arrived).`,
  ownerDonationRefunded: ({ channelTitle, amount, granted, donorName }) =>
    [
      `A donation of ${formatAmount(amount)} to "${channelTitle}"${from(donorName)} was refunded.`,
      granted
        ? 'Its fee and your share were reversed in your balance (a share already paid out is owed).'
        : 'It had never been counted in your balance.',
    ].join('\n'),
  ownerDonationUnderpaid: ({ channelTitle, amount, actuallyPaid, payAmount, payCurrency, donorName }) =>
    [
      `Underpaid donation to "${channelTitle}"${from(donorName)}: ${formatReportedAmount(actuallyPaid, payCurrency)} paid` +
        (payAmount === undefined ? '' : ` of ${formatReportedAmount(payAmount, payCurrency)}`) +
        ` for a donation of ${formatAmount(amount)}.`,
      'It is not counted in your balance. The donor can pay the rest on the same payment page.',
    ].join('\n'),
  donorThanks: ({ channelTitle, amount }) => `Thank you! Your donation of ${formatAmount(amount)} to "${channelTitle}" arrived.`,
  accessRefunded: ({ channelTitle, effect, endsAt, now, renewHint }) =>
    [
      `Your payment for "${channelTitle}" was refunded.`,
      effect === 'revoked'
        ? 'The access it bought has ended and you were removed from the channel.'
        : effect === 'shortened' && endsAt !== undefined
          ? `The days it bought were taken off your subscription: it now runs until ${when(endsAt, now)}.`
          : 'No access remains from it.',
      `You can subscribe again at any time: ${renew(renewHint)}`,
    ].join('\n'),
  ownerPaymentRefunded: ({ channelTitle, subscriberId, invoiceId, granted }) =>
    [
      `Payment refunded for "${channelTitle}": user ${subscriberId}, invoice ${invoiceId}.`,
      granted
        ? 'The access it bought was taken back, and its fee and your share were reversed in your balance (a share already paid out is owed).'
        : 'It had granted no access and was never part of your balance.',
    ].join('\n'),
  ownerPaymentUnderpaid: ({ channelTitle, subscriberId, price, actuallyPaid, payAmount, payCurrency, invoiceId }) =>
    [
      `Underpaid payment for "${channelTitle}": user ${subscriberId} paid ${formatReportedAmount(actuallyPaid, payCurrency)}` +
        (payAmount === undefined ? '' : ` of ${formatReportedAmount(payAmount, payCurrency)}`) +
        ` for a price of ${formatAmount(price)} (invoice ${invoiceId}).`,
      'No access was granted. The subscriber can pay the rest on the same payment page.',
    ].join('\n'),
};
