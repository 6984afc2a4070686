import type { BroadcastAudience, BroadcastEvent } from './broadcast-events.ts';
import type { BroadcastSchedule } from './broadcast-schedule.ts';

export type BroadcastStatus = 'draft' | 'scheduled' | 'cancelled' | 'done';

export type BroadcastPlan = {
  readonly broadcastId: string;
  readonly audience: BroadcastAudience;
  readonly html: string;
  readonly photo?: string;
  readonly tierButtons: boolean;
  readonly status: BroadcastStatus;
  readonly schedule?: BroadcastSchedule;
  /** The next occurrence to start, while scheduled. */
  readonly nextAt?: string;
  /** The occurrence being sent, between its start and its completion. */
  readonly running?: string;
  /** A one-off (send-now or once) broadcast's time, kept after it is sent: one-offs keep the channel's cooldown between them. */
  readonly oneOffAt?: string;
};

export type PublicChannel = { readonly chatId: string; readonly title: string; readonly username?: string };

export type BroadcastsState = {
  readonly channelId?: string;
  readonly publicChannel?: PublicChannel;
  /** When the last send-now broadcast was scheduled (the cooldown runs from it). */
  readonly lastSendNowAt?: string;
  /** A Map: broadcast ids come from users and "__proto__" must stay just a key. */
  readonly broadcasts: ReadonlyMap<string, BroadcastPlan>;
};

export const initialBroadcastsState: BroadcastsState = { broadcasts: new Map() };

const withPlan = (state: BroadcastsState, broadcastId: string, change: (plan: BroadcastPlan) => BroadcastPlan): BroadcastsState => {
  const plan = state.broadcasts.get(broadcastId);
  if (!plan) return state;
  const broadcasts = new Map(state.broadcasts);
  broadcasts.set(broadcastId, change(plan));
  return { ...state, broadcasts };
};

export const evolveBroadcasts = (state: BroadcastsState, event: BroadcastEvent): BroadcastsState => {
  switch (event.type) {
    case 'PublicChannelLinked': {
      const { channelId, publicChatId, title, username } = event.data;
      return { ...state, channelId, publicChannel: { chatId: publicChatId, title, ...(username === undefined ? {} : { username }) } };
    }
    case 'PublicChannelUnlinked': {
      const { publicChannel: _gone, ...rest } = state;
      return rest;
    }
    case 'BroadcastDrafted': {
      const { channelId, broadcastId, audience, html, photo, tierButtons } = event.data;
      const broadcasts = new Map(state.broadcasts);
      broadcasts.set(broadcastId, { broadcastId, audience, html, tierButtons, status: 'draft', ...(photo === undefined ? {} : { photo }) });
      return { ...state, channelId, broadcasts };
    }
    case 'BroadcastScheduled': {
      const { schedule, nextAt, scheduledAt } = event.data;
      const oneOff = schedule.kind === 'now' || schedule.kind === 'once';
      const next = withPlan(state, event.data.broadcastId, ({ oneOffAt: _o, ...plan }) => ({
        ...plan,
        status: 'scheduled',
        schedule,
        nextAt,
        ...(oneOff ? { oneOffAt: nextAt } : {}),
      }));
      return schedule.kind === 'now' ? { ...next, lastSendNowAt: scheduledAt } : next;
    }
    case 'BroadcastCancelled':
      return withPlan(state, event.data.broadcastId, ({ nextAt: _n, ...plan }) => ({ ...plan, status: 'cancelled' }));
    case 'BroadcastOccurrenceStarted':
      return withPlan(state, event.data.broadcastId, (plan) => ({ ...plan, running: event.data.occurrence }));
    case 'BroadcastOccurrenceCompleted': {
      const { nextAt } = event.data;
      return withPlan(state, event.data.broadcastId, ({ running: _r, nextAt: _n, ...plan }) =>
        plan.status === 'scheduled' && nextAt !== undefined ? { ...plan, nextAt } : { ...plan, status: plan.status === 'cancelled' ? 'cancelled' : 'done' },
      );
    }
    default:
      return state;
  }
};
