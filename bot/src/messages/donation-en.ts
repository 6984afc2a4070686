import { formatAmount, type Money } from '@paygate/domain';
import type { DonationMessageParams, DonationStatusText } from './donation-catalogue.ts';

const amounts = (presets: readonly Money[]) => presets.map(formatAmount).join(', ');

const USAGE = [
  'Usage:',
  '/donations — the current settings',
  '/donations on | off — offer donations, or pause them',
  '/donations presets 5 10 25 — the amounts offered (1 to 6, in USD)',
  '/donations public on | off — post the Donate message in the linked public channel too',
  'With several channels, put the channel code first: /donations <code> on',
].join('\n');

const status = ({ channelTitle, enabled, presets, postInPublic, publicChannel, postedIn }: DonationStatusText) =>
  enabled === undefined
    ? [`Donations to "${channelTitle}" are not set up yet. /donations on posts a Donate message in the channel.`]
    : [
        `Donations to "${channelTitle}" are ${enabled ? 'on' : 'paused'}.`,
        `Amounts offered: ${amounts(presets)} (donors may also enter their own).`,
        `Public channel: ${postInPublic ? (publicChannel ? `the Donate message is posted in "${publicChannel}" too` : 'on, but no public channel is linked') : 'off'}.`,
        `The Donate message is in ${postedIn === 1 ? '1 chat' : `${postedIn} chats`}.`,
      ];

export const donationEn: { readonly [Key in keyof DonationMessageParams]: (params: DonationMessageParams[Key]) => string } = {
  donationsUnavailable: () => 'Donations are not available on this PayGate yet.',
  donationsUsage: ({ reason }) => [...(reason ? [reason] : []), USAGE].join('\n'),
  donationsStatus: (params) => [...status(params), '', USAGE].join('\n'),
  donationsUpdated: ({ unpinned, ...params }) =>
    [
      ...status(params),
      ...(unpinned > 0 ? ['I could not pin the Donate message: give me the "Pin messages" right in the channel, then send /donations on again.'] : []),
    ].join('\n'),
  donationChannelPost: ({ channelTitle, presets }) =>
    [`Enjoying "${channelTitle}"? You can support it with a donation.`, `Suggested: ${amounts(presets)}, or any amount you choose. Tap Donate.`].join('\n'),
  donationChannelPaused: ({ channelTitle }) => `Donations to "${channelTitle}" are paused for now.`,
  donateButton: () => 'Donate',
  donationsClosed: ({ channelTitle }) => `"${channelTitle}" does not take donations right now.`,
  donationPick: ({ channelTitle }) => `Support "${channelTitle}": pick an amount.`,
  donationPresetButton: ({ amount }) => formatAmount(amount),
  donationOtherButton: () => 'Other amount',
  donationAskAmount: ({ channelTitle, min, max }) =>
    `How much would you like to give to "${channelTitle}"? Send the amount in ${min.currency}, from ${formatAmount(min)} to ${formatAmount(max)}, for example 12.50.`,
  donationAmountInvalid: ({ reason }) => `That amount does not work: ${reason}. Please send the amount again, for example 12.50.`,
  donationAskName: ({ channelTitle, amount }) => `${formatAmount(amount)} to "${channelTitle}". Show your name to the owner?`,
  donationShowNameButton: () => 'Show my name',
  donationAnonymousButton: () => 'Stay anonymous',
  donationInvoiceReady: ({ channelTitle, amount, showName, invoiceId }) =>
    [
      `Your donation of ${formatAmount(amount)} to "${channelTitle}"${showName ? '' : ', anonymous'}.`,
      'Pay with the button below; you can choose the cryptocurrency on the payment page.',
      `(Invoice ${invoiceId})`,
    ].join('\n'),
};
