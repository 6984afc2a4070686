import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { assertBroadcastHtml } from './broadcast-html.ts';
import type { BroadcastCommand, CompleteBroadcastOccurrence, DraftBroadcast, ScheduleBroadcast, StartBroadcastOccurrence } from './broadcast-commands.ts';
import { BroadcastEventSchema, type BroadcastEvent } from './broadcast-events.ts';
import { BroadcastScheduleSchema, firstOccurrence, nextOccurrence } from './broadcast-schedule.ts';
import { evolveBroadcasts, initialBroadcastsState, type BroadcastPlan, type BroadcastsState } from './broadcast-state.ts';

const event = (type: BroadcastEvent['type'], data: object): BroadcastEvent => parseWithSchema(BroadcastEventSchema, { type, data }, type);

const assertStream = (state: BroadcastsState, channelId: string) => {
  if (state.channelId !== undefined && state.channelId !== channelId) {
    throw new PayGateError('validation', `command for channel ${channelId} on the broadcasts of ${state.channelId}`, { channelId });
  }
};

const assertOwner = ({ requestedBy, ownerId, channelId }: { requestedBy: string; ownerId: string; channelId: string }) => {
  if (requestedBy !== ownerId) throw new PayGateError('forbidden', 'only the channel owner manages its broadcasts', { channelId });
};

const requirePlan = (state: BroadcastsState, broadcastId: string): BroadcastPlan => {
  const plan = state.broadcasts.get(broadcastId);
  if (!plan) throw new PayGateError('not_found', `broadcast ${broadcastId} does not exist`, { broadcastId });
  return plan;
};

const draft = ({ data }: DraftBroadcast, state: BroadcastsState): BroadcastEvent[] => {
  const { channelId, broadcastId, audience, html, photo, tierButtons, requestedBy, at } = data;
  assertBroadcastHtml(html, photo !== undefined);
  const current = state.broadcasts.get(broadcastId);
  if (current && current.status !== 'draft') throw new PayGateError('conflict', `broadcast ${broadcastId} is ${current.status}, not a draft`, { broadcastId });
  const same = current && current.audience === audience && current.html === html && current.photo === photo && current.tierButtons === tierButtons;
  if (same) return [];
  const content = { channelId, broadcastId, audience, html, tierButtons, ...(photo === undefined ? {} : { photo }) };
  return [event('BroadcastDrafted', { ...content, draftedBy: requestedBy, draftedAt: at })];
};

/**
 * The earliest time at or after `time` that is a cooldown away from every other one-off of the
 * channel (the last send-now, even cancelled, and each send-now or once still to go or sent);
 * undefined when `time` itself is.
 */
const oneOffTooClose = (state: BroadcastsState, broadcastId: string, time: number, cooldownSeconds: number): number | undefined => {
  const cooldownMs = cooldownSeconds * 1_000;
  const others = [...state.broadcasts.values()]
    .filter((plan) => plan.broadcastId !== broadcastId && plan.oneOffAt !== undefined && (plan.status === 'scheduled' || plan.status === 'done' || plan.running !== undefined))
    .map((plan) => Date.parse(plan.oneOffAt!));
  const taken = [...(state.lastSendNowAt === undefined ? [] : [Date.parse(state.lastSendNowAt)]), ...others].sort((a, b) => a - b);
  let earliest = time;
  for (const other of taken) if (Math.abs(earliest - other) < cooldownMs) earliest = other + cooldownMs;
  return earliest === time ? undefined : earliest;
};

const schedule = ({ data }: ScheduleBroadcast, state: BroadcastsState): BroadcastEvent[] => {
  const { channelId, broadcastId, requestedBy, at, sendNowCooldownSeconds } = data;
  const scheduleValue = parseWithSchema(BroadcastScheduleSchema, data.schedule, 'schedule');
  const plan = requirePlan(state, broadcastId);
  if (plan.status === 'cancelled' || plan.status === 'done') throw new PayGateError('conflict', `broadcast ${broadcastId} is ${plan.status}`, { broadcastId });
  if (plan.running !== undefined) throw new PayGateError('conflict', `broadcast ${broadcastId} is being sent`, { broadcastId });
  if (plan.status === 'scheduled' && JSON.stringify(plan.schedule) === JSON.stringify(scheduleValue)) return [];
  if (plan.audience === 'public_channel' && state.publicChannel === undefined) {
    throw new PayGateError('conflict', 'link a public channel before broadcasting to it', { channelId });
  }
  const nextAt = firstOccurrence(scheduleValue, at);
  if (scheduleValue.kind === 'now' || scheduleValue.kind === 'once') {
    // A once a minute ahead is a send-now by another name: one-offs share the cooldown.
    const earliest = oneOffTooClose(state, broadcastId, Date.parse(nextAt), sendNowCooldownSeconds);
    if (earliest !== undefined) {
      const retryAfterSeconds = Math.max(1, Math.ceil((earliest - Date.parse(at)) / 1_000));
      const earliestAt = new Date(earliest).toISOString();
      const message =
        scheduleValue.kind === 'now'
          ? `the next send-now is possible in ${retryAfterSeconds} s`
          : `one-off broadcasts of a channel are ${sendNowCooldownSeconds} s apart: the earliest time near this one is ${earliestAt}`;
      throw new PayGateError('rate_limited', message, { retryAfterSeconds, earliestAt });
    }
  }
  return [event('BroadcastScheduled', { channelId, broadcastId, schedule: scheduleValue, nextAt, scheduledBy: requestedBy, scheduledAt: at })];
};

const start = ({ data }: StartBroadcastOccurrence, state: BroadcastsState): BroadcastEvent[] => {
  const { broadcastId, occurrence } = data;
  const plan = requirePlan(state, broadcastId);
  if (plan.running === occurrence) return [];
  if (plan.running !== undefined) throw new PayGateError('conflict', `broadcast ${broadcastId} is sending ${plan.running}`, { broadcastId });
  if (plan.status !== 'scheduled' || plan.nextAt !== new Date(occurrence).toISOString()) {
    throw new PayGateError('conflict', `broadcast ${broadcastId} has no occurrence due at ${occurrence}`, { broadcastId, status: plan.status });
  }
  return [event('BroadcastOccurrenceStarted', { channelId: data.channelId, broadcastId, occurrence: plan.nextAt, recipients: data.recipients, startedAt: data.at })];
};

const complete = ({ data }: CompleteBroadcastOccurrence, state: BroadcastsState): BroadcastEvent[] => {
  const { channelId, broadcastId, occurrence, sent, failed, blocked, at } = data;
  const plan = requirePlan(state, broadcastId);
  if (plan.running === undefined) return []; // completed already
  if (plan.running !== new Date(occurrence).toISOString()) {
    throw new PayGateError('conflict', `broadcast ${broadcastId} is sending ${plan.running}, not ${occurrence}`, { broadcastId });
  }
  // A recurrence goes on from the later of its due time and now: occurrences missed while
  // nothing ran are skipped rather than sent in a burst.
  const after = Date.parse(at) > Date.parse(plan.running) ? at : plan.running;
  const nextAt = plan.status === 'scheduled' && plan.schedule ? nextOccurrence(plan.schedule, after) : undefined;
  return [
    event('BroadcastOccurrenceCompleted', {
      channelId,
      broadcastId,
      occurrence: plan.running,
      sent,
      failed,
      blocked,
      ...(nextAt === undefined ? {} : { nextAt }),
      completedAt: at,
    }),
  ];
};

/**
 * Stream `broadcasts-<channelId>`. Rules: only the owner links a public channel and drafts,
 * schedules or cancels; the HTML must parse as Telegram's and fit (4096, or 1024 under a photo);
 * a draft is rewritable until scheduled; a public-channel broadcast needs a linked channel;
 * one-offs (send-now and once) keep the channel's cooldown between them (rate_limited with
 * retryAfterSeconds and earliestAt); one occurrence
 * runs at a time and starts only when due; completing a recurrence schedules its next one.
 * Repeats (same content, same schedule, a second cancel or start or completion) change nothing.
 */
export const broadcastDecider: Decider<BroadcastCommand, BroadcastEvent, BroadcastsState> = {
  initialState: initialBroadcastsState,
  evolve: evolveBroadcasts,
  decide(command, state) {
    assertStream(state, command.data.channelId);
    switch (command.type) {
      case 'LinkPublicChannel': {
        assertOwner(command.data);
        const { channelId, publicChatId, title, username, requestedBy, at } = command.data;
        const linked = state.publicChannel;
        if (linked?.chatId === publicChatId && linked.title === title.trim() && linked.username === username) return [];
        return [event('PublicChannelLinked', { channelId, publicChatId, title, ...(username === undefined ? {} : { username }), linkedBy: requestedBy, linkedAt: at })];
      }
      case 'UnlinkPublicChannel': {
        assertOwner(command.data);
        const { channelId, requestedBy, at } = command.data;
        if (!state.publicChannel) return [];
        return [event('PublicChannelUnlinked', { channelId, publicChatId: state.publicChannel.chatId, unlinkedBy: requestedBy, unlinkedAt: at })];
      }
      case 'DraftBroadcast':
        assertOwner(command.data);
        return draft(command, state);
      case 'ScheduleBroadcast':
        assertOwner(command.data);
        return schedule(command, state);
      case 'CancelBroadcast': {
        assertOwner(command.data);
        const { channelId, broadcastId, requestedBy, at } = command.data;
        const plan = requirePlan(state, broadcastId);
        if (plan.status === 'cancelled') return [];
        if (plan.status === 'done') throw new PayGateError('conflict', `broadcast ${broadcastId} was sent already`, { broadcastId });
        return [event('BroadcastCancelled', { channelId, broadcastId, cancelledBy: requestedBy, cancelledAt: at })];
      }
      case 'StartBroadcastOccurrence':
        return start(command, state);
      case 'CompleteBroadcastOccurrence':
        return complete(command, state);
    }
  },
};
