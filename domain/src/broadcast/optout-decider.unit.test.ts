import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { optOutDecider } from './optout-decider.ts';
import { parseOptOutEvent, type OptOutEvent } from './optout-events.ts';

const given = deciderSpec(optOutDecider, { validateEvent: parseOptOutEvent });
const data = { channelId: 'ch1', subscriberId: '5001', at: '2026-01-01T00:00:00.000Z' };
const out: OptOutEvent = { type: 'BroadcastOptedOut', data };
const back: OptOutEvent = { type: 'BroadcastOptedIn', data };
const set = (optedOut: boolean) => ({ type: 'SetBroadcastOptOut' as const, data: { ...data, optedOut } });

describe('broadcast opt-out', () => {
  it('opts out, then back in; repeats change nothing', () => {
    given([]).when(set(true)).then([out]);
    given([out]).when(set(true)).then([]);
    given([out]).when(set(false)).then([back]);
    given([]).when(set(false)).then([]);
  });
  it('refuses a malformed subscriber', () => given([]).when({ type: 'SetBroadcastOptOut', data: { ...data, subscriberId: 'x', optedOut: true } }).thenThrows('validation', 'subscriberId'));
});
