import { formatAmount, formatUtc, PAYOUT_NETWORKS, relativeEn } from '@paygate/domain';
import type { BotPayoutStatus } from '../deps.ts';
import { broadcastEn } from './broadcast-en.ts';
import { donationEn } from './donation-en.ts';
import type { BalanceText, BotMessageCatalogue, CoreMessageParams, MissingRight, PayoutText, TierText } from './bot-catalogue.ts';

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
const terms = ({ price, durationDays }: TierText) => `${formatAmount(price)} for ${plural(durationDays, 'day')}`;
const when = (iso: string, now: Date) => `${formatUtc(iso)} (${relativeEn(iso, now)})`;
/** Whole minutes left, at least 1 (a link that expires in 4 min 59 s still reads "5 minutes"). */
const minutesUntil = (iso: string, now: Date) => Math.max(1, Math.round((Date.parse(iso) - now.getTime()) / 60_000));

// Amounts are exact decimal strings: compared by their digits, never parsed to a number.
const isZero = (amount: string) => !/[1-9]/.test(amount);

const PAYOUT_STATUS: Record<BotPayoutStatus, string> = {
  running: 'in progress',
  held: 'on hold',
  failed: 'failed',
  sent: 'sent',
};

const balanceLine = ({ channelTitle, currency, pending, inPayout, paidOut }: BalanceText) => {
  const waiting = isZero(pending)
    ? 'nothing waiting'
    : `${pending} ${currency} waiting to be paid out${isZero(inPayout) ? '' : `, ${inPayout} ${currency} of it in a payout now`}`;
  const done = isZero(paidOut) ? 'nothing paid out yet' : `${paidOut} ${currency} paid out so far`;
  return `• "${channelTitle}" (${currency}): ${waiting}; ${done}.`;
};

const payoutLine = ({ channelTitle, status, amount, currency, received, receivedCurrency, reference, updatedAt }: PayoutText) =>
  [
    `• ${formatUtc(updatedAt)} "${channelTitle}": ${amount} ${currency} — ${PAYOUT_STATUS[status]}`,
    ...(received ? [`, received ${received} ${receivedCurrency ?? currency}`] : []),
    ...(reference ? [`, tx ${reference}`] : []),
  ].join('');

const RIGHTS: Record<MissingRight, string> = {
  invite: '"Invite users via link" — to give each subscriber a personal one-time link',
  restrict: '"Ban users" — to remove subscribers whose subscription has ended',
};

const networks = Object.entries(PAYOUT_NETWORKS)
  .map(([network, currencies]) => `${network}: ${currencies.join(', ')}`)
  .join('; ');

const USAGE = {
  addtier: 'Add a tier: /addtier <name> <price in USD> <days>\nExample: /addtier Monthly 9.99 30',
  setprice: 'Change a tier\'s price (new purchases only): /setprice <tier> <price in USD>\nExample: /setprice Monthly 12.50',
  setduration: 'Change a tier\'s duration (new purchases only): /setduration <tier> <days>\nExample: /setduration Monthly 31',
  retiretier: 'Stop selling a tier (current subscribers keep their time): /retiretier <tier>\nExample: /retiretier Monthly',
  wallet: `Set the wallet you are paid to: /wallet <address> <network> <currency>\nExample: /wallet 0x52908400098527886E0F7030069857D2E4169EE7 polygon USDTMATIC\nNetworks and currencies: ${networks}\nYour first wallet is used at once; a change waits out a safety hold (you can cancel it until then: /wallet cancel). /wallet alone shows the wallet and a waiting change.`,
  payout: 'Choose when you are paid: /payout instant (after every payment) or /payout threshold <USD> (once your balance reaches it)\nExample: /payout threshold 100',
  balance: 'See what you have earned and your latest payouts: /balance for all your channels, /balance <channel code> for one.',
} as const;

const channelHint = 'If you have several channels, put the channel code first, e.g. /addtier c1a2b3 Monthly 9.99 30.';

const COMMAND_DESCRIPTIONS = {
  start: 'Start, or open a channel by its code',
  subscriptions: 'Your subscriptions and renewals',
  channels: 'Your channels, tiers and share links (owners)',
  addtier: 'Add a tier: /addtier Monthly 9.99 30 (owners)',
  dashboard: 'Log in to the web dashboard (owners)',
  broadcast: 'Message your public channel or subscribers (owners)',
  donations: 'A Donate button in your channel (owners)',
  help: 'How PayGate works',
} as const;

const coreEn: { readonly [Key in keyof CoreMessageParams]: (params: CoreMessageParams[Key]) => string } = {
  commandDescription: ({ command }) => COMMAND_DESCRIPTIONS[command],
  help: ({ ownsSeveralChannels }) =>
    [
      'PayGate sells access to private Telegram channels for crypto.',
      '',
      'Subscribers:',
      '• Open the link a channel shared (t.me/<this bot>?start=<code>), pick a plan and pay on the payment page.',
      '• After the payment you get a personal link to join.',
      '• /subscriptions — your subscriptions, their end dates and renewal.',
      '• /optout <code> and /optin <code> — stop or resume a channel owner\'s messages.',
      '• A channel\'s Donate button (or t.me/<this bot>?start=donate_<code>) — support it with an amount you choose; a donation gives no access.',
      '',
      'Channel owners:',
      '• As the creator of your private channel, add this bot as an administrator of it, with the rights "Invite users via link" and "Ban users". The channel is registered at once and you get its share link here.',
      '• /channels — your channels, their tiers and share links.',
      `• ${USAGE.addtier}`,
      '• /setprice, /setduration, /retiretier — change or stop a tier.',
      '• /wallet and /payout — where and when you are paid. A changed wallet takes effect after a safety hold, and you can cancel it until then.',
      '• /balance — what is waiting to be paid out, what was paid out, and your latest payouts.',
      '• /dashboard — a one-time link to the web dashboard: revenue, subscribers, payments and payouts.',
      '• /claim <channel code> — take over a channel you created that someone else registered.',
      '• /donations on — a pinned Donate message in your channel; /donations presets 5 10 25, /donations public on, /donations off.',
      '• /linkpublic @yourchannel — link the public channel you advertise in; /broadcast — a message to it or to your active subscribers, now or scheduled once, daily or weekly; /broadcasts — the scheduled ones.',
      ...(ownsSeveralChannels ? ['', channelHint] : []),
    ].join('\n'),
  welcome: ({ firstName }) =>
    [
      `Hello${firstName ? `, ${firstName}` : ''}! I sell access to private Telegram channels for crypto.`,
      'To subscribe, open the link the channel shared with you.',
      'To sell your own channel, add me as an administrator of it. /help tells you more.',
    ].join('\n'),
  unknownChannel: ({ code }) => `I do not know a channel with the code "${code}". Check the link you were given, or ask the channel owner for a new one.`,
  channelOffer: ({ channelTitle, tiers }) =>
    [`"${channelTitle}"`, '', 'Choose a plan:', ...tiers.map((tier) => `• ${tier.name}: ${terms(tier)}`)].join('\n'),
  channelHasNoTiers: ({ channelTitle }) => `"${channelTitle}" has nothing for sale yet. Please come back later.`,
  tierButton: (tier) => `${tier.name} — ${terms(tier)}`,
  tierUnavailable: ({ channelTitle }) => `That plan of "${channelTitle}" is no longer sold. Open the channel's link again to see the current plans.`,
  invoiceReady: ({ channelTitle, tier, invoiceId }) =>
    [
      `"${channelTitle}" — ${tier.name}: ${terms(tier)}.`,
      'Pay with the button below; you can choose the cryptocurrency on the payment page.',
      'As soon as the payment is confirmed I send you your personal link.',
      `(Invoice ${invoiceId})`,
    ].join('\n'),
  payButton: ({ price }) => `Pay ${formatAmount(price)}`,
  invoiceNotReady: () => 'The payment page could not be created just now. Please try again in a minute.',
  retryButton: () => 'Try again',
  rateLimited: ({ retryAfterSeconds }) => `That was a lot at once. Please wait ${plural(Math.max(1, retryAfterSeconds), 'second')} and try again.`,
  invoicesBusy: ({ retryAfterSeconds }) =>
    `Many people are buying right now. Please try again in ${plural(Math.max(1, retryAfterSeconds), 'second')} (press the same button).`,
  subscriptionsNone: () => 'You have no subscriptions yet. Open the link a channel shared with you to subscribe.',
  subscriptionsList: ({ subscriptions, now }) =>
    [
      'Your subscriptions:',
      ...subscriptions.map(
        ({ channelTitle, tierName, endsAt, active }) =>
          `• "${channelTitle}"${tierName ? ` (${tierName})` : ''}: ${active ? `until ${when(endsAt, now)}` : `ended ${when(endsAt, now)}`}`,
      ),
    ].join('\n'),
  subscriptionsUnavailable: () => 'Your subscriptions cannot be shown just now. Please try again later.',
  renewButton: ({ channelTitle }) => `Renew "${channelTitle}"`,
  channelRegistered: ({ channelTitle, shareLink, publicUsername }) =>
    [
      `"${channelTitle}" is registered. You are its owner in PayGate.`,
      ...(publicUsername
        ? ['', `Warning: the channel is public (@${publicUsername}), so anyone can join without paying. Make it private in the channel settings.`]
        : []),
      '',
      `Next step — ${USAGE.addtier}`,
      `Then share this link with your audience: ${shareLink}`,
    ].join('\n'),
  channelAlreadyYours: ({ channelTitle, shareLink }) => `"${channelTitle}" is already registered to you. Its share link: ${shareLink}`,
  channelOwnedByOther: ({ channelTitle }) =>
    `"${channelTitle}" is already registered in PayGate by another administrator; only they, or the channel's creator (/claim), can manage it.`,
  missingRights: ({ channelTitle, missing }) =>
    [
      `I am an administrator of "${channelTitle}" but I lack rights I need:`,
      ...missing.map((right) => `• ${RIGHTS[right]}`),
      '',
      'Open the channel → Administrators → this bot, switch these on and save. I register the channel as soon as they are granted.',
    ].join('\n'),
  notAChannel: ({ chatTitle }) => `"${chatTitle}" is not a channel. PayGate sells access to channels only.`,
  notChatAdmin: ({ channelTitle }) => `Only an administrator of "${channelTitle}" can do that.`,
  notChannelOwner: ({ channelTitle }) => `"${channelTitle}" is managed by the administrator who registered it.`,
  botRemoved: ({ channelTitle }) =>
    `I was removed from "${channelTitle}" (or lost my administrator rights). New subscribers cannot join until you add me back as an administrator.`,
  ownerNoChannels: () =>
    'You have no registered channels. Add me as an administrator of your private channel (rights: "Invite users via link" and "Ban users") and it is registered at once.',
  ownerChannels: ({ channels }) =>
    ['Your channels:', ...channels.map(({ title, tierCount }) => `• "${title}" — ${plural(tierCount, 'tier')} on sale`)].join('\n'),
  channelButton: ({ channelTitle }) => channelTitle,
  chooseChannel: ({ command, codes }) =>
    [
      'You have several channels; say which one by its code:',
      ...codes.map(({ code, title }) => `• ${code} — "${title}"`),
      `For example: /${command} ${codes[0]?.code ?? '<code>'} …`,
    ].join('\n'),
  channelMenu: ({ channelTitle, shareLink, channelCode, tiers, multiple }) => {
    const prefix = multiple ? `${channelCode} ` : '';
    const onSale = tiers.filter((tier) => !tier.retired);
    const retired = tiers.filter((tier) => tier.retired);
    return [
      `"${channelTitle}" (code ${channelCode})`,
      `Share link: ${shareLink}`,
      '',
      onSale.length === 0 ? 'No tier on sale yet.' : 'Tiers on sale:',
      ...onSale.map((tier) => `• ${tier.name}: ${terms(tier)}`),
      ...(retired.length === 0 ? [] : [`Retired: ${retired.map((tier) => tier.name).join(', ')}`]),
      '',
      `Add: /addtier ${prefix}<name> <price USD> <days>`,
      `Change: /setprice ${prefix}<tier> <price USD> · /setduration ${prefix}<tier> <days>`,
      `Payouts: /wallet ${prefix}<address> <network> <currency> · /payout ${prefix}instant | threshold <USD> · /balance${multiple ? ` ${channelCode}` : ''}`,
    ].join('\n');
  },
  tiersButton: () => 'Tiers',
  retireTierButton: ({ name }) => `Retire "${name}"`,
  confirmRetire: ({ name, channelTitle }) =>
    `Stop selling "${name}" in "${channelTitle}"? Current subscribers keep their time; nobody can buy it any more.`,
  confirmButton: () => 'Yes, retire it',
  cancelButton: () => 'Cancel',
  cancelled: () => 'Nothing was changed.',
  tierAdded: ({ channelTitle, tier, shareLink }) =>
    `Tier "${tier.name}" added to "${channelTitle}": ${terms(tier)}.\nShare link: ${shareLink}`,
  tierChanged: ({ channelTitle, tier }) => `Tier "${tier.name}" of "${channelTitle}" is now ${terms(tier)} for new purchases.`,
  tierUnchanged: ({ name }) => `Tier "${name}" already has these terms; nothing changed.`,
  tierRetired: ({ channelTitle, name }) => `Tier "${name}" of "${channelTitle}" is retired: no longer sold.`,
  tierExists: ({ name, command }) => `A tier named "${name}" exists already. To change it, use /${command}.`,
  tierNotFound: ({ name, known }) =>
    `There is no tier "${name}".${known.length > 0 ? ` Tiers: ${known.join(', ')}.` : ' Add one with /addtier.'}`,
  tierIsRetired: ({ name }) => `Tier "${name}" is retired and cannot be changed. Add a new tier instead.`,
  usage: ({ command }) => `${USAGE[command]}\n${channelHint}`,
  invalidPrice: ({ text }) => `"${text}" is not a price. Write it in US dollars with at most 2 decimals, e.g. 9.99.`,
  invalidDuration: ({ text, max }) => `"${text}" is not a duration. Write a whole number of days from 1 to ${max}, e.g. 30.`,
  invalidName: ({ max }) => `A tier name needs 1 to ${max} characters.`,
  walletSet: ({ channelTitle, address, network, currency }) =>
    `Payouts for "${channelTitle}" go to ${address} on ${network}, in ${currency}.`,
  payoutInstant: ({ channelTitle }) => `"${channelTitle}": you are paid out after every payment.`,
  payoutThreshold: ({ channelTitle, threshold }) =>
    `"${channelTitle}": you are paid out once your balance reaches ${formatAmount(threshold)}.`,
  payoutSettingsUnavailable: () => 'Payout settings cannot be changed from the bot in this version yet.',
  balanceReport: ({ balances, payouts }) =>
    [
      'Your balance:',
      ...(balances.length === 0 ? ['Nothing waiting to be paid out.'] : balances.map(balanceLine)),
      ...(payouts.length === 0 ? ['', 'No payouts yet.'] : ['', 'Latest payouts:', ...payouts.map(payoutLine)]),
    ].join('\n'),
  balanceNone: ({ channelTitle }) =>
    `No payments to pay out yet${channelTitle ? ` for "${channelTitle}"` : ''}. As soon as a subscriber pays, you see it here (/balance).`,
  balancesUnavailable: () => 'Balances cannot be shown from the bot in this version yet.',
  dashboardLink: ({ url, expiresAt, now, ownsChannels }) =>
    [
      `Your login link to the PayGate dashboard — it works once and expires in ${plural(minutesUntil(expiresAt, now), 'minute')} (at ${formatUtc(expiresAt)}):`,
      url,
      'Do not share it or forward this message: whoever opens it first is logged in as you. Send /dashboard again for a new one.',
      ...(ownsChannels
        ? []
        : ['', 'You have no registered channels yet, so the dashboard is empty. Add me as an administrator of your private channel to register it.']),
    ].join('\n'),
  dashboardUnavailable: () => 'The web dashboard is not available on this PayGate.',
  onlyCreatorRegisters: ({ channelTitle, channelCode }) =>
    [
      `Only the creator of "${channelTitle}" can register it in PayGate: payouts go to the channel's owner.`,
      `Ask them to add me as an administrator themselves, or — as I am already there — to send me /claim ${channelCode}.`,
    ].join('\n'),
  onlyCreatorClaims: ({ channelTitle }) => `Only the creator of "${channelTitle}" (its owner in Telegram) can take it over in PayGate.`,
  claimUsage: () => 'Take over a channel you created that someone else registered: /claim <channel code>\nExample: /claim c1a2b3',
  claimNeedsBot: ({ channelCode }) =>
    `I cannot register "${channelCode}": I am not an administrator of such a channel. Add me as an administrator of your channel first.`,
  channelClaimed: ({ channelTitle, shareLink }) =>
    [
      `You now manage "${channelTitle}" in PayGate, as its creator. Its share link: ${shareLink}`,
      'Set the wallet you are paid to with /wallet: payouts wait until a wallet you set is in effect.',
    ].join('\n'),
  channelClaimedFromYou: ({ channelTitle }) =>
    `The creator of "${channelTitle}" has taken it over in PayGate. You no longer manage it, and its payouts no longer go to your wallet.`,
  creatorCanClaim: ({ channelTitle, channelCode }) =>
    `You are now the creator of "${channelTitle}", which someone else registered in PayGate. To manage it and be paid for it, send /claim ${channelCode}.`,
  ownerLostAdmin: ({ channelTitle }) =>
    `You are no longer an administrator of "${channelTitle}", so its payouts are held. They resume as soon as you are an administrator again.`,
  ownerAdminAgain: ({ channelTitle }) => `You are an administrator of "${channelTitle}" again: its payouts are resumed.`,
  walletChangeRequested: ({ channelTitle, address, network, currency, effectiveAt, now, cancelCommand }) =>
    [
      `Payout wallet change requested for "${channelTitle}": ${address} on ${network}, in ${currency}.`,
      `It takes effect on ${when(effectiveAt, now)}; until then payouts go to the current wallet.`,
      `If you did not ask for this, cancel it now (button below, or ${cancelCommand}).`,
    ].join('\n'),
  cancelWalletChangeButton: () => 'Cancel this change',
  walletChangeCancelled: ({ channelTitle }) =>
    `The pending change of the payout wallet of "${channelTitle}" is cancelled; payouts keep going to the current wallet.`,
  walletChangeAlreadyCancelled: ({ channelTitle }) => `That wallet change of "${channelTitle}" was already cancelled.`,
  walletChangeTooLate: ({ channelTitle }) =>
    `Too late: that wallet change of "${channelTitle}" has already taken effect. To pay out elsewhere, set the wallet again with /wallet (a change waits out the hold again).`,
  walletChangeReplaced: ({ channelTitle }) =>
    `That wallet change of "${channelTitle}" was replaced by a newer request; cancel that one instead (its message, or /wallet cancel).`,
  noPendingWalletChange: ({ channelTitle }) => `"${channelTitle}" has no wallet change waiting.`,
  walletStatus: ({ channelTitle, wallet, pending, now }) =>
    [
      wallet ? `Payouts for "${channelTitle}" go to ${wallet.address} on ${wallet.network}, in ${wallet.currency}.` : `"${channelTitle}" has no payout wallet yet.`,
      ...(pending
        ? [`Change waiting: ${pending.address} on ${pending.network}, in ${pending.currency}, from ${when(pending.effectiveAt, now)}. Cancel it with /wallet cancel.`]
        : []),
    ].join('\n'),
  invalidInput: ({ reason }) => `That did not work: ${reason}`,
  somethingWentWrong: ({ errorId }) => `Something went wrong on our side. Please try again later. (Reference: ${errorId})`,
  serviceUnavailable: () => 'PayGate is busy or briefly unavailable. Please try again in a minute.',
};

export const botEn: BotMessageCatalogue = { ...coreEn, ...donationEn, ...broadcastEn };
