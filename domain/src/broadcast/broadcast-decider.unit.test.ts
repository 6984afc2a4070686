import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { BroadcastCommand } from './broadcast-commands.ts';
import { broadcastDecider } from './broadcast-decider.ts';
import { parseBroadcastEvent, type BroadcastEvent } from './broadcast-events.ts';

const given = deciderSpec(broadcastDecider, { validateEvent: parseBroadcastEvent });
const channelId = 'ch1';
const owner = '42';
const at = '2026-01-10T12:00:00.000Z';
const by = { channelId, requestedBy: owner, ownerId: owner, at };

const linked: BroadcastEvent = {
  type: 'PublicChannelLinked',
  data: { channelId, publicChatId: '-1009', title: 'Alpha news', username: 'alphanews', linkedBy: owner, linkedAt: at },
};
const drafted = (audience: 'subscribers' | 'public_channel' = 'subscribers', html = '<b>Hello</b>'): BroadcastEvent => ({
  type: 'BroadcastDrafted',
  data: { channelId, broadcastId: 'b1', audience, html, tierButtons: true, draftedBy: owner, draftedAt: at },
});
const scheduled = (schedule: object, nextAt: string, scheduledAt = at): BroadcastEvent => ({
  type: 'BroadcastScheduled',
  data: { channelId, broadcastId: 'b1', schedule, nextAt, scheduledBy: owner, scheduledAt } as never,
});
const started = (occurrence: string): BroadcastEvent => ({
  type: 'BroadcastOccurrenceStarted',
  data: { channelId, broadcastId: 'b1', occurrence, recipients: 3, startedAt: occurrence },
});
const daily = { kind: 'daily', time: '09:00', timeZone: 'Europe/Berlin' };

const draft = (data: Partial<Extract<BroadcastCommand, { type: 'DraftBroadcast' }>['data']> = {}): BroadcastCommand => ({
  type: 'DraftBroadcast',
  data: { ...by, broadcastId: 'b1', audience: 'subscribers', html: '<b>Hello</b>', tierButtons: true, ...data },
});
const schedule = (s: object, extra: Partial<typeof by> = {}, cooldown = 3600): BroadcastCommand => ({
  type: 'ScheduleBroadcast',
  data: { ...by, ...extra, broadcastId: 'b1', schedule: s as never, sendNowCooldownSeconds: cooldown },
});
const complete = (occurrence: string, completedAt = occurrence): BroadcastCommand => ({
  type: 'CompleteBroadcastOccurrence',
  data: { channelId, broadcastId: 'b1', occurrence, sent: 2, failed: 1, blocked: 1, at: completedAt },
});

describe('broadcasts: owner rules', () => {
  it('links a public channel; the same link again changes nothing', () => {
    const link: BroadcastCommand = { type: 'LinkPublicChannel', data: { ...by, publicChatId: '-1009', title: 'Alpha news', username: 'alphanews' } };
    given([]).when(link).then([linked]);
    given([linked]).when(link).then([]);
  });
  it('only the owner drafts', () => given([]).when(draft({ requestedBy: '43' })).thenThrows('forbidden', 'owner'));
  it('drafts, and a rewrite of the draft is another draft', () => {
    given([]).when(draft()).then([drafted()]);
    given([drafted()]).when(draft()).then([]);
    given([drafted()]).when(draft({ html: 'Bye' })).then([drafted('subscribers', 'Bye')]);
  });
  it('refuses HTML Telegram would refuse, appending nothing', () => given([]).when(draft({ html: '<div>x</div>' })).thenThrows('validation', 'html'));
  it('a caption under a photo is at most 1024 characters', () =>
    given([]).when(draft({ html: 'a'.repeat(1025), photo: 'AgACAgIAAxkBAAIB' })).thenThrows('validation', '1024'));
  it('a public-channel broadcast needs a linked channel', () =>
    given([drafted('public_channel')]).when(schedule(daily)).thenThrows('conflict', 'link a public channel'));
  it('schedules a recurrence at its next local time', () =>
    given([drafted()]).when(schedule(daily)).then([scheduled(daily, '2026-01-11T08:00:00.000Z')]));
  it('refuses an invalid zone', () =>
    given([drafted()]).when(schedule({ ...daily, timeZone: 'Nowhere/City' })).thenThrows('validation', 'IANA'));
  it('refuses once in the past', () => given([drafted()]).when(schedule({ kind: 'once', at: '2026-01-01T00:00:00Z' })).thenThrows('validation', 'past'));
  it('a scheduled broadcast is no longer a draft', () => given([drafted(), scheduled(daily, '2026-01-11T08:00:00.000Z')]).when(draft({ html: 'x' })).thenThrows('conflict'));
  it('cancels once', () => {
    const cancelled: BroadcastEvent = { type: 'BroadcastCancelled', data: { channelId, broadcastId: 'b1', cancelledBy: owner, cancelledAt: at } };
    const cancel: BroadcastCommand = { type: 'CancelBroadcast', data: { ...by, broadcastId: 'b1' } };
    given([drafted()]).when(cancel).then([cancelled]);
    given([drafted(), cancelled]).when(cancel).then([]);
    given([drafted(), cancelled]).when(schedule(daily)).thenThrows('conflict', 'cancelled');
  });
  it('refuses a command for another channel on this stream', () => given([drafted()]).when(draft({ channelId: 'ch2' })).thenThrows('validation', 'ch1'));
});

describe('broadcasts: send-now cooldown', () => {
  const now = { kind: 'now' };
  const firstNow = [drafted(), scheduled(now, at)];
  const second: BroadcastEvent = { ...drafted(), data: { ...drafted().data, broadcastId: 'b2' } } as BroadcastEvent;
  const scheduleB2 = (minutesLater: number, cooldown = 3600): BroadcastCommand => {
    const command = schedule(now, { at: new Date(Date.parse(at) + minutesLater * 60_000).toISOString() }, cooldown);
    return { ...command, data: { ...command.data, broadcastId: 'b2' } } as BroadcastCommand;
  };
  it('sends at once', () => given([drafted()]).when(schedule(now)).then([scheduled(now, at)]));
  it('a second send-now within the hour is rate limited', () => given([...firstNow, second]).when(scheduleB2(59)).thenThrows('rate_limited', '60 s'));
  it('after the cooldown it goes', () => given([...firstNow, second]).when(scheduleB2(60)).then([
    { type: 'BroadcastScheduled', data: { channelId, broadcastId: 'b2', schedule: now, nextAt: '2026-01-10T13:00:00.000Z', scheduledBy: owner, scheduledAt: '2026-01-10T13:00:00.000Z' } } as BroadcastEvent,
  ]));
  it('the cooldown is configurable', () => given([...firstNow, second]).when(scheduleB2(5, 60)).then([
    { type: 'BroadcastScheduled', data: { channelId, broadcastId: 'b2', schedule: now, nextAt: '2026-01-10T12:05:00.000Z', scheduledBy: owner, scheduledAt: '2026-01-10T12:05:00.000Z' } } as BroadcastEvent,
  ]));
  it('scheduled (not send-now) broadcasts have no cooldown', () => given([...firstNow, second]).when({ ...schedule(daily), data: { ...schedule(daily).data, broadcastId: 'b2' } } as BroadcastCommand).then([
    { type: 'BroadcastScheduled', data: { channelId, broadcastId: 'b2', schedule: daily, nextAt: '2026-01-11T08:00:00.000Z', scheduledBy: owner, scheduledAt: at } } as BroadcastEvent,
  ]));
});

describe('broadcasts: occurrences', () => {
  const due = '2026-01-11T08:00:00.000Z';
  const recurring = [drafted(), scheduled(daily, due)];
  const start = (occurrence = due): BroadcastCommand => ({ type: 'StartBroadcastOccurrence', data: { channelId, broadcastId: 'b1', occurrence, recipients: 3, at: occurrence } });
  it('starts the due occurrence once', () => {
    given(recurring).when(start()).then([started(due)]);
    given([...recurring, started(due)]).when(start()).then([]);
  });
  it('refuses an occurrence that is not the next', () => given(recurring).when(start('2026-01-12T08:00:00.000Z')).thenThrows('conflict', 'no occurrence due'));
  it('completing a recurrence schedules its next occurrence', () =>
    given([...recurring, started(due)]).when(complete(due, '2026-01-11T08:05:00.000Z')).then([
      { type: 'BroadcastOccurrenceCompleted', data: { channelId, broadcastId: 'b1', occurrence: due, sent: 2, failed: 1, blocked: 1, nextAt: '2026-01-12T08:00:00.000Z', completedAt: '2026-01-11T08:05:00.000Z' } },
    ]));
  it('occurrences missed while nothing ran are skipped', () =>
    given([...recurring, started(due)]).when(complete(due, '2026-01-14T10:00:00.000Z')).then([
      { type: 'BroadcastOccurrenceCompleted', data: { channelId, broadcastId: 'b1', occurrence: due, sent: 2, failed: 1, blocked: 1, nextAt: '2026-01-15T08:00:00.000Z', completedAt: '2026-01-14T10:00:00.000Z' } },
    ]));
  it('a one-off is done after its occurrence; completing twice changes nothing', () => {
    const once = [drafted(), scheduled({ kind: 'now' }, at), started(at)];
    const completed: BroadcastEvent = { type: 'BroadcastOccurrenceCompleted', data: { channelId, broadcastId: 'b1', occurrence: at, sent: 2, failed: 1, blocked: 1, completedAt: at } };
    given(once).when(complete(at)).then([completed]);
    given([...once, completed]).when(complete(at)).then([]);
    given([...once, completed]).when(schedule(daily)).thenThrows('conflict', 'done');
  });
  it('cannot be rescheduled while sending', () => given([...recurring, started(due)]).when(schedule({ ...daily, time: '10:00' })).thenThrows('conflict', 'being sent'));
});

describe('broadcasts: one-offs share the cooldown', () => {
  const b2 = (s: object, minutesLater = 0): BroadcastCommand => {
    const command = schedule(s, { at: new Date(Date.parse(at) + minutesLater * 60_000).toISOString() });
    return { ...command, data: { ...command.data, broadcastId: 'b2' } } as BroadcastCommand;
  };
  const second: BroadcastEvent = { ...drafted(), data: { ...drafted().data, broadcastId: 'b2' } } as BroadcastEvent;
  const once = (iso: string) => ({ kind: 'once', at: iso });
  const cancelled: BroadcastEvent = { type: 'BroadcastCancelled', data: { channelId, broadcastId: 'b1', cancelledBy: owner, cancelledAt: at } };
  const scheduledB2 = (s: object, nextAt: string): BroadcastEvent => ({ ...scheduled(s, nextAt), data: { ...scheduled(s, nextAt).data, broadcastId: 'b2' } }) as BroadcastEvent;

  it('a once a minute after a send-now is refused like a second send-now, with the earliest time', () =>
    given([drafted(), scheduled({ kind: 'now' }, at), second])
      .when(b2(once('2026-01-10T12:01:00.000Z')))
      .thenThrows('rate_limited', 'earliest time near this one is 2026-01-10T13:00:00.000Z'));
  it('a send-now while a once is due within the hour is refused', () =>
    given([drafted(), scheduled(once('2026-01-10T12:10:00.000Z'), '2026-01-10T12:10:00.000Z'), second])
      .when(b2({ kind: 'now' }, 5))
      .thenThrows('rate_limited', 'possible in 3900 s'));
  it('a once within the hour of a once already sent is refused', () =>
    given([drafted(), scheduled(once('2026-01-10T12:10:00.000Z'), '2026-01-10T12:10:00.000Z'), started('2026-01-10T12:10:00.000Z'), second])
      .when(b2(once('2026-01-10T12:40:00.000Z')))
      .thenThrows('rate_limited', '2026-01-10T13:10:00.000Z'));
  it('a once an hour or more from every other one-off goes; a cancelled once holds nothing', () => {
    given([drafted(), scheduled({ kind: 'now' }, at), second]).when(b2(once('2026-01-10T13:00:00.000Z'))).then([scheduledB2(once('2026-01-10T13:00:00.000Z'), '2026-01-10T13:00:00.000Z')]);
    given([drafted(), scheduled(once('2026-01-10T12:10:00.000Z'), '2026-01-10T12:10:00.000Z'), cancelled, second])
      .when(b2(once('2026-01-10T12:20:00.000Z')))
      .then([scheduledB2(once('2026-01-10T12:20:00.000Z'), '2026-01-10T12:20:00.000Z')]);
  });
});
