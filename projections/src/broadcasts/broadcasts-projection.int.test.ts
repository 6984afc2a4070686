import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionsDdl } from '../subscriptions/subscriptions-tables.ts';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { channelLinkedTo, dueBroadcasts, findBroadcast, listBroadcasts, publicChannelOf, subscriberAudience } from './broadcast-queries.ts';
import { broadcastsProjection } from './broadcasts-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(broadcastsProjection, 'paygate_proj_broadcasts');
});
afterAll(() => h?.close());

const owner = '42';
const t = (iso: string) => new Date(iso).toISOString();
const drafted = (broadcastId: string, audience = 'subscribers') => ({
  type: 'BroadcastDrafted',
  data: { channelId: 'ch1', broadcastId, audience, html: '<b>Hi</b>', tierButtons: true, draftedBy: owner, draftedAt: t('2026-01-10T12:00:00Z') },
});
const daily = { kind: 'daily', time: '09:00', timeZone: 'Europe/Berlin' };
const scheduled = (broadcastId: string, nextAt: string, schedule: object = daily) => ({
  type: 'BroadcastScheduled',
  data: { channelId: 'ch1', broadcastId, schedule, nextAt: t(nextAt), scheduledBy: owner, scheduledAt: t('2026-01-10T12:00:00Z') },
});
const started = (broadcastId: string, occurrence: string) => ({
  type: 'BroadcastOccurrenceStarted',
  data: { channelId: 'ch1', broadcastId, occurrence: t(occurrence), recipients: 3, startedAt: t(occurrence) },
});
const completed = (broadcastId: string, occurrence: string, nextAt?: string) => ({
  type: 'BroadcastOccurrenceCompleted',
  data: { channelId: 'ch1', broadcastId, occurrence: t(occurrence), sent: 2, failed: 1, blocked: 1, ...(nextAt ? { nextAt: t(nextAt) } : {}), completedAt: t(occurrence) },
});
const optOut = (type: string, subscriberId: string) => ({ type, data: { channelId: 'ch1', subscriberId, at: t('2026-01-10T12:00:00Z') } });

describe('broadcasts projection', () => {
  it('keeps schedules: due, running and done, as the scheduler and the bot query them', async () => {
    await h.append({
      'broadcasts-ch1': [
        { type: 'PublicChannelLinked', data: { channelId: 'ch1', publicChatId: '-1009', title: 'Alpha news', linkedBy: owner, linkedAt: t('2026-01-10T12:00:00Z') } },
        drafted('b1'),
        scheduled('b1', '2026-01-11T08:00:00Z'),
        drafted('b2'),
        scheduled('b2', '2026-01-12T08:00:00Z'),
        drafted('b3'),
        scheduled('b3', '2026-01-10T12:00:00Z', { kind: 'now' }),
        started('b3', '2026-01-10T12:00:00Z'),
      ],
    });
    expect(await dueBroadcasts(h.db, LIVE, new Date('2026-01-11T08:00:00Z'), 10)).toEqual([
      { channelId: 'ch1', broadcastId: 'b3', running: '2026-01-10T12:00:00.000Z' },
      { channelId: 'ch1', broadcastId: 'b1', nextAt: '2026-01-11T08:00:00.000Z' },
    ]);
    await h.append({ 'broadcasts-ch1': [completed('b3', '2026-01-10T12:00:00Z'), started('b1', '2026-01-11T08:00:00Z'), completed('b1', '2026-01-11T08:00:00Z', '2026-01-12T08:00:00Z')] });
    expect(await dueBroadcasts(h.db, LIVE, new Date('2026-01-11T09:00:00Z'), 10)).toEqual([]);
    expect((await dueBroadcasts(h.db, LIVE, new Date('2026-01-12T08:00:00Z'), 10)).map((d) => d.broadcastId)).toEqual(['b1', 'b2']);
    expect(await findBroadcast(h.db, LIVE, 'ch1', 'b1')).toEqual({
      broadcastId: 'b1',
      channelId: 'ch1',
      audience: 'subscribers',
      html: '<b>Hi</b>',
      tierButtons: true,
      status: 'scheduled',
      schedule: daily,
      nextAt: '2026-01-12T08:00:00.000Z',
      occurrences: 1,
      last: { sent: 2, failed: 1, blocked: 1 },
    });
    expect(await findBroadcast(h.db, LIVE, 'ch1', 'b3')).toMatchObject({ status: 'done', occurrences: 1 });
    expect((await listBroadcasts(h.db, LIVE, 'ch1')).map((b) => b.broadcastId)).toEqual(['b1', 'b3', 'b2']);
    expect(await publicChannelOf(h.db, LIVE, 'ch1')).toEqual({ chatId: '-1009', title: 'Alpha news' });
    expect(await channelLinkedTo(h.db, LIVE, '-1009')).toBe('ch1');
    await h.append({ 'broadcasts-ch1': [{ type: 'BroadcastCancelled', data: { channelId: 'ch1', broadcastId: 'b2', cancelledBy: owner, cancelledAt: t('2026-01-11T10:00:00Z') } }] });
    expect((await dueBroadcasts(h.db, LIVE, new Date('2026-01-12T08:00:00Z'), 10)).map((d) => d.broadcastId)).toEqual(['b1']);
  });

  it('the subscriber audience: active subscriptions, minus opt-outs, minus chats that blocked the bot', async () => {
    for (const statement of subscriptionsDdl(LIVE)) await sql.raw(statement).execute(h.db);
    const row = (subscriberId: string, status: string, channelId = 'ch1') =>
      sql`INSERT INTO ${sql.table(`${LIVE}.subscriptions`)} VALUES (${channelId}, ${subscriberId}, 'monthly', ${status}, now(), now(), now(), 0, false, 'inv', NULL, 1, 1)`.execute(h.db);
    for (const id of ['5001', '5002', '5003', '5004']) await row(id, 'active');
    await row('5005', 'expired');
    await row('5006', 'active', 'ch2');
    await h.append({ 'broadcast-optout-ch1-5002': [optOut('BroadcastOptedOut', '5002')], 'broadcast-optout-ch1-5003': [optOut('BroadcastOptedOut', '5003'), optOut('BroadcastOptedIn', '5003')] });
    expect(await subscriberAudience(h.db, LIVE, 'ch1')).toEqual(['5001', '5003', '5004']);
    await sql`CREATE TABLE IF NOT EXISTS public.test_blocked_chats (chat_id text PRIMARY KEY)`.execute(h.db);
    await sql`INSERT INTO public.test_blocked_chats VALUES ('5004') ON CONFLICT DO NOTHING`.execute(h.db);
    expect(await subscriberAudience(h.db, LIVE, 'ch1', { blockedChats: 'public.test_blocked_chats' })).toEqual(['5001', '5003']);
    await expect(subscriberAudience(h.db, LIVE, 'ch1', { blockedChats: 'x; DROP TABLE y' })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('a rebuild from event 0 writes the very same rows', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
