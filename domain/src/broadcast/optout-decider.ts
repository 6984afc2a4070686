import type { Decider, DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { OptOutEventSchema, type OptOutEvent } from './optout-events.ts';

export type SetBroadcastOptOut = DomainCommand<'SetBroadcastOptOut', { channelId: string; subscriberId: string; optedOut: boolean; at: string }>;

export type OptOutState = { readonly optedOut: boolean };

/** Stream `broadcast-optout-<channelId>-<subscriberId>`: a subscriber takes the owner's broadcasts until they opt out; repeats change nothing. */
export const optOutDecider: Decider<SetBroadcastOptOut, OptOutEvent, OptOutState> = {
  initialState: { optedOut: false },
  evolve: (state, event) => {
    if (event.type === 'BroadcastOptedOut') return { optedOut: true };
    if (event.type === 'BroadcastOptedIn') return { optedOut: false };
    return state;
  },
  decide: ({ data }, state) => {
    if (data.optedOut === state.optedOut) return [];
    const type = data.optedOut ? 'BroadcastOptedOut' : 'BroadcastOptedIn';
    return [parseWithSchema(OptOutEventSchema, { type, data: { channelId: data.channelId, subscriberId: data.subscriberId, at: data.at } }, type)];
  },
};
