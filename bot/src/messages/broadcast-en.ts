import type { BotBroadcastSchedule } from '../deps.ts';
import type { BroadcastMessageParams, PublicLinkRefusal } from './broadcast-catalogue.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "2026-03-02 09:30 UTC": instants are shown in UTC, like the rest of the bot. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const describeSchedule = (schedule: BotBroadcastSchedule | undefined): string => {
  if (!schedule) return 'not scheduled';
  if (schedule.kind === 'now') return 'now';
  if (schedule.kind === 'once') return `once, ${utc(schedule.at)}`;
  if (schedule.kind === 'daily') return `daily at ${schedule.time} (${schedule.timeZone})`;
  return `every ${WEEKDAYS[schedule.weekday - 1] ?? `day ${schedule.weekday}`} at ${schedule.time} (${schedule.timeZone})`;
};

const audienceText = (audience: 'public_channel' | 'subscribers', publicTitle?: string) =>
  audience === 'public_channel' ? `the public channel${publicTitle ? ` "${publicTitle}"` : ''}` : 'your active subscribers';

const REFUSALS: { readonly [Reason in PublicLinkRefusal]: (target: string, channelTitle: string) => string } = {
  not_found: (target) => `I cannot see ${target}. Add me to it as an administrator with the right "Post messages", then try again.`,
  not_channel: (target) => `${target} is not a channel. Only a channel can be linked as the public one.`,
  same_chat: (_target, channelTitle) => `That is "${channelTitle}" itself. Link the public channel you advertise in.`,
  paid_channel: (target) => `${target} is registered as a paid channel, so it cannot be a public one.`,
  owner_not_admin: (target) => `Only an administrator of ${target} can link it.`,
  bot_not_admin: (target) => `I am not an administrator of ${target}. Add me with the right "Post messages", then try again.`,
  bot_cannot_post: (target) => `I cannot post in ${target}. Give me the administrator right "Post messages", then try again.`,
  linked_elsewhere: (target) => `${target} is already linked to another of your channels. Unlink it there first (/unlinkpublic).`,
};

const TIME_FORMATS = {
  once: 'the date and time, e.g. "2026-03-02 18:00 Europe/Berlin"',
  daily: 'the time of day, e.g. "18:00 Europe/Berlin"',
  weekly: 'the weekday and time, e.g. "Friday 18:00 Europe/Berlin"',
} as const;

const TIME_ERRORS = {
  format: 'I did not understand that.',
  zone: 'I do not know that time zone. Use a name like Europe/Berlin, America/New_York or UTC.',
  date: 'That date or time does not exist.',
  past: 'That time has already passed.',
} as const;

export const broadcastEn: { readonly [Key in keyof BroadcastMessageParams]: (params: BroadcastMessageParams[Key]) => string } = {
  broadcastsUnavailable: () => 'Broadcasts are not available in this version yet.',
  linkPublicUsage: () => 'Say which public channel: /linkpublic @yourchannel (or its chat id). Add me there as an administrator with "Post messages" first.',
  publicLinkRefused: ({ reason, target, channelTitle }) => REFUSALS[reason](target, channelTitle),
  publicLinked: ({ channelTitle, publicTitle, username }) =>
    [`"${publicTitle}"${username ? ` (@${username})` : ''} is now the public channel of "${channelTitle}".`, 'Write your first broadcast with /broadcast.'].join('\n'),
  publicUnlinked: ({ channelTitle, publicTitle }) => `"${publicTitle}" is no longer the public channel of "${channelTitle}". Its scheduled broadcasts stop.`,
  publicNotLinked: ({ channelTitle }) => `"${channelTitle}" has no public channel linked. Link one with /linkpublic @yourchannel.`,
  publicChannelNotRegistered: ({ chatTitle, channelTitle }) =>
    `"${chatTitle}" is linked as the public channel of "${channelTitle}", so it is not registered as a paid channel. Broadcasts to it come from /broadcast.`,
  broadcastChooseAudience: ({ channelTitle, publicTitle }) =>
    [
      `A broadcast for "${channelTitle}". Who should get it?`,
      ...(publicTitle ? [] : ['(To post in your public channel too, link it first: /linkpublic @yourchannel)']),
    ].join('\n'),
  toPublicButton: ({ publicTitle }) => `To the public channel "${publicTitle}"`,
  toSubscribersButton: () => 'To my subscribers',
  broadcastAskContent: ({ channelTitle, audience, publicTitle }) =>
    [
      `Send me the message for ${audienceText(audience, publicTitle)} of "${channelTitle}": text (formatting is kept) or one photo with a caption.`,
      'Buttons to subscribe are added below it. I show you a preview before anything is sent. /cancel stops.',
    ].join('\n'),
  broadcastContentEmpty: () => 'The message needs some text (under a photo: a caption). Send it again with words.',
  broadcastContentTooLong: ({ max, photo }) => `That is too long: a ${photo ? 'caption' : 'message'} can have at most ${max} characters. Send a shorter one.`,
  broadcastPreviewIntro: () => 'Preview — this is exactly what recipients get:',
  broadcastControls: ({ audience, channelTitle }) =>
    `That was the preview for ${audienceText(audience)} of "${channelTitle}". Send it now, or schedule it:`,
  sendNowButton: () => 'Send now',
  onceButton: () => 'Once…',
  dailyButton: () => 'Daily…',
  weeklyButton: () => 'Weekly…',
  discardButton: () => 'Cancel',
  broadcastAskTime: ({ kind }) => `When? Send ${TIME_FORMATS[kind]}. Without a time zone the time is UTC.`,
  broadcastTimeInvalid: ({ kind, error }) => `${TIME_ERRORS[error]} Send ${TIME_FORMATS[kind]}, or /cancel.`,
  broadcastNotDraft: () => 'That broadcast is already scheduled or was cancelled. /broadcasts lists the scheduled ones.',
  broadcastDiscarded: () => 'Discarded. Nothing was sent.',
  broadcastSendingNow: ({ channelTitle, audience }) => `Sending to ${audienceText(audience)} of "${channelTitle}" now. I show you the progress here.`,
  broadcastScheduled: ({ schedule, nextAt }) =>
    [`Scheduled: ${describeSchedule(schedule)}.`, ...(nextAt ? [`Next: ${utc(nextAt)}.`] : []), '/broadcasts lists your scheduled broadcasts.'].join('\n'),
  broadcastCooldown: ({ availableAt, retryAfterSeconds }) =>
    `You sent a broadcast a short while ago. "Send now" is possible again at ${utc(availableAt)} (in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} min). You can schedule it with "Once…" instead.`,
  broadcastOnceTooClose: ({ earliestAt }) =>
    `That is too close to another one-off broadcast of this channel: they are at least an hour apart. The earliest time near the one you chose is ${utc(earliestAt)}. Send me another time.`,
  broadcastsNone: ({ channelTitle }) => `"${channelTitle}" has no scheduled broadcasts. Write one with /broadcast.`,
  broadcastsList: ({ channelTitle, broadcasts }) =>
    [
      `Scheduled broadcasts of "${channelTitle}":`,
      ...broadcasts.map(
        ({ number, audience, schedule, nextAt, preview }) =>
          `${number}. To ${audience === 'public_channel' ? 'the public channel' : 'subscribers'}, ${describeSchedule(schedule)}${nextAt ? `; next ${utc(nextAt)}` : ''} — "${preview}"`,
      ),
    ].join('\n'),
  cancelBroadcastButton: ({ number }) => `Cancel ${number}`,
  broadcastCancelled: () => 'Cancelled: that broadcast will not be sent again.',
  // The sender's label (ENGLISH_BROADCAST_TEXTS in commands): the preview shows what subscribers get.
  optOutButton: () => 'Stop messages from this channel',
  optInButton: () => 'Opt back in',
  optedOut: ({ channelTitle }) => `You will not get messages from "${channelTitle}" any more. Your subscription is not affected.`,
  optedIn: ({ channelTitle }) => `You get messages from "${channelTitle}" again.`,
  optUsage: ({ command, channels }) =>
    channels.length > 0
      ? [`Which channel? Send /${command} with its code:`, ...channels.map(({ code, title }) => `• /${command} ${code} — "${title}"`)].join('\n')
      : `Send /${command} with the channel's code (the part after ?start= in its link).`,
};
