import { PayGateError } from '@paygate/domain';
import type { BotBroadcast, BotBroadcastSchedule, BroadcastPort } from '../../deps.ts';
import { instantOfWallTime, wallTimeAt } from '../zone-time.ts';

export const SEND_NOW_COOLDOWN_MS = 60 * 60_000;

/** The next time a daily/weekly schedule falls due after `now` (minute precision, like the real scheduler's contract). */
const nextOccurrence = (schedule: BotBroadcastSchedule, now: Date): string => {
  if (schedule.kind === 'now') return now.toISOString();
  if (schedule.kind === 'once') return schedule.at;
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const today = wallTimeAt(now, schedule.timeZone);
  for (let days = 0; days <= 8; days += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (schedule.kind === 'weekly' && isoWeekday !== schedule.weekday) continue;
    const at = instantOfWallTime({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute }, schedule.timeZone);
    if (at.getTime() > now.getTime()) return at.toISOString();
  }
  throw new Error('no next occurrence');
};

/**
 * BroadcastPort in memory for the bot's tests: it keeps what the commands would (links, drafts,
 * schedules, opt-outs), answers with the events they would append, enforces the send-now
 * cooldown per channel (a once too, against the last send-now), and records every call so a test can see exactly what the bot asked.
 */
export const memoryBroadcasts = (clock: () => Date) => {
  const calls: { method: keyof BroadcastPort; input: unknown }[] = [];
  const links = new Map<string, { chatId: string; title: string; username?: string }>();
  const drafts = new Map<string, BotBroadcast>();
  const lastSendNow = new Map<string, number>();
  const optOuts = new Map<string, boolean>();
  /** The read model behind the projector: `broadcast()` finds nothing yet. */
  let lagging = false;
  const record = (method: keyof BroadcastPort, input: unknown) => void calls.push({ method, input });
  const event = (type: string, data: unknown) => ({ events: [{ type, data }] });
  const none = { events: [] };

  const port: BroadcastPort = {
    async linkPublicChannel(input) {
      record('linkPublicChannel', input);
      links.set(input.channelId, { chatId: input.publicChatId, title: input.title, ...(input.username ? { username: input.username } : {}) });
      return event('PublicChannelLinked', input);
    },
    async unlinkPublicChannel(input) {
      record('unlinkPublicChannel', input);
      return links.delete(input.channelId) ? event('PublicChannelUnlinked', input) : none;
    },
    publicChannelOf: async (channelId) => links.get(channelId),
    channelLinkedTo: async (publicChatId) => [...links].find(([, link]) => link.chatId === publicChatId)?.[0],
    async draftBroadcast(input) {
      record('draftBroadcast', input);
      const { requestedBy: _, ...draft } = input;
      drafts.set(input.broadcastId, { ...draft, status: 'draft' });
      return event('BroadcastDrafted', input);
    },
    async scheduleBroadcast(input) {
      record('scheduleBroadcast', input);
      const broadcast = drafts.get(input.broadcastId);
      if (!broadcast || broadcast.channelId !== input.channelId) throw new PayGateError('not_found', 'no such broadcast');
      if (broadcast.status !== 'draft') return none;
      const now = clock().getTime();
      if (input.schedule.kind === 'now') {
        const last = lastSendNow.get(input.channelId);
        if (last !== undefined && now - last < SEND_NOW_COOLDOWN_MS) {
          throw new PayGateError('rate_limited', 'send-now cooldown', { retryAfterSeconds: Math.ceil((last + SEND_NOW_COOLDOWN_MS - now) / 1000) });
        }
        lastSendNow.set(input.channelId, now);
      }
      // A once shares the cooldown (the domain's rule, here only against the last send-now).
      const last = lastSendNow.get(input.channelId);
      if (input.schedule.kind === 'once' && last !== undefined && Math.abs(Date.parse(input.schedule.at) - last) < SEND_NOW_COOLDOWN_MS) {
        const earliestAt = new Date(last + SEND_NOW_COOLDOWN_MS).toISOString();
        throw new PayGateError('rate_limited', 'one-off cooldown', { retryAfterSeconds: Math.ceil((last + SEND_NOW_COOLDOWN_MS - now) / 1000), earliestAt });
      }
      const nextAt = nextOccurrence(input.schedule, clock());
      drafts.set(input.broadcastId, { ...broadcast, status: 'scheduled', schedule: input.schedule, nextAt });
      return event('BroadcastScheduled', { broadcastId: input.broadcastId, schedule: input.schedule, nextAt });
    },
    async cancelBroadcast(input) {
      record('cancelBroadcast', input);
      const broadcast = drafts.get(input.broadcastId);
      if (!broadcast || (broadcast.status !== 'draft' && broadcast.status !== 'scheduled')) return none;
      drafts.set(input.broadcastId, { ...broadcast, status: 'cancelled' });
      return event('BroadcastCancelled', input);
    },
    broadcast: async (channelId, broadcastId) => (lagging ? undefined : [drafts.get(broadcastId)].find((found) => found?.channelId === channelId)),
    broadcastsOf: async (channelId) => [...drafts.values()].filter((broadcast) => broadcast.channelId === channelId),
    async setBroadcastOptOut(input) {
      record('setBroadcastOptOut', input);
      const key = `${input.channelId}/${input.subscriberId}`;
      if ((optOuts.get(key) ?? false) === input.optedOut) return none;
      optOuts.set(key, input.optedOut);
      return event(input.optedOut ? 'BroadcastOptedOut' : 'BroadcastOptedIn', input);
    },
  };
  return {
    port,
    calls,
    lag: (on: boolean) => void (lagging = on),
    optedOut: (channelId: string, subscriberId: string) => optOuts.get(`${channelId}/${subscriberId}`) ?? false,
  };
};
