import { parseBroadcastEvent, parseOptOutEvent, type BroadcastEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type RowSet, type TableKey } from '../rows/index.ts';
import { BROADCAST_OPT_OUTS_TABLE, BROADCAST_PUBLIC_CHANNELS_TABLE, BROADCAST_SCHEDULES_TABLE, broadcastsDdl } from './broadcasts-tables.ts';

const PLAN_EVENTS = [
  'PublicChannelLinked',
  'PublicChannelUnlinked',
  'BroadcastDrafted',
  'BroadcastScheduled',
  'BroadcastCancelled',
  'BroadcastOccurrenceStarted',
  'BroadcastOccurrenceCompleted',
];
const OPT_OUT_EVENTS = ['BroadcastOptedOut', 'BroadcastOptedIn'];

const isPlanEvent = (recorded: RecordedEvent) => PLAN_EVENTS.includes(recorded.type);

const touches = (recorded: RecordedEvent): TableKey[] => {
  if (!isPlanEvent(recorded)) {
    const { channelId, subscriberId } = parseOptOutEvent(recorded).data;
    return [{ table: BROADCAST_OPT_OUTS_TABLE, key: { channel_id: channelId, subscriber_id: subscriberId } }];
  }
  const event = parseBroadcastEvent(recorded);
  if (event.type === 'PublicChannelLinked' || event.type === 'PublicChannelUnlinked') {
    return [{ table: BROADCAST_PUBLIC_CHANNELS_TABLE, key: { channel_id: event.data.channelId } }];
  }
  return [{ table: BROADCAST_SCHEDULES_TABLE, key: { channel_id: event.data.channelId, broadcast_id: event.data.broadcastId } }];
};

type ScheduleEvent = Exclude<BroadcastEvent, { type: 'PublicChannelLinked' | 'PublicChannelUnlinked' }>;

const scheduleChange = (event: ScheduleEvent): Record<string, unknown> => {
  switch (event.type) {
    case 'BroadcastDrafted': {
      const { audience, html, photo, tierButtons } = event.data;
      return { audience, html, photo: photo ?? null, tier_buttons: tierButtons };
    }
    case 'BroadcastScheduled':
      return { status: 'scheduled', schedule: JSON.stringify(event.data.schedule), next_at: event.data.nextAt };
    case 'BroadcastCancelled':
      return { status: 'cancelled', next_at: null };
    case 'BroadcastOccurrenceStarted':
      return { running_occurrence: event.data.occurrence };
    case 'BroadcastOccurrenceCompleted':
      return { running_occurrence: null, last_sent: event.data.sent, last_failed: event.data.failed, last_blocked: event.data.blocked, next_at: event.data.nextAt ?? null };
  }
};

const evolveSchedule = (rows: RowSet, event: ScheduleEvent, moved: Record<string, string>) => {
  const key = { channel_id: event.data.channelId, broadcast_id: event.data.broadcastId };
  const row = rows.get(BROADCAST_SCHEDULES_TABLE, key);
  if (event.type === 'BroadcastDrafted') {
    const base = row ?? { ...key, status: 'draft', schedule: null, next_at: null, running_occurrence: null, occurrences: 0, last_sent: 0, last_failed: 0, last_blocked: 0, drafted_at: event.data.draftedAt };
    rows.put(BROADCAST_SCHEDULES_TABLE, { ...base, ...scheduleChange(event), ...moved });
    return;
  }
  if (!row) return; // a broadcast's stream starts with its draft
  const change = scheduleChange(event);
  if (event.type === 'BroadcastOccurrenceCompleted') {
    // As the decider: a recurrence still scheduled goes on; otherwise the broadcast is done (or stays cancelled).
    change.status = row.status === 'scheduled' && event.data.nextAt !== undefined ? 'scheduled' : row.status === 'cancelled' ? 'cancelled' : 'done';
    change.occurrences = Number(row.occurrences) + 1;
  }
  rows.put(BROADCAST_SCHEDULES_TABLE, { ...row, ...change, ...moved });
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const [{ table, key }] = touches(recorded) as [TableKey];
  const row = rows.get(table, key);
  if (row && rowHasSeen(row, recorded.position)) return;
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  if (!isPlanEvent(recorded)) {
    const event = parseOptOutEvent(recorded);
    if (event.type === 'BroadcastOptedOut') rows.put(table, { ...key, opted_out_at: event.data.at, ...moved });
    else if (row) rows.delete(table, key);
    return;
  }
  const event = parseBroadcastEvent(recorded);
  if (event.type === 'PublicChannelLinked') {
    const { publicChatId, title, username } = event.data;
    rows.put(table, { ...key, public_chat_id: publicChatId, title, username: username ?? null, ...moved });
  } else if (event.type === 'PublicChannelUnlinked') {
    if (row) rows.delete(table, key);
  } else {
    evolveSchedule(rows, event, moved);
  }
};

/**
 * Broadcasts (tables `broadcast_schedules`, `broadcast_opt_outs`, `broadcast_public_channels`):
 * what each channel plans to send and when (the scheduler's due query), who opted out, and the
 * linked public channels. Delivery streams (one event per chat) are not read here.
 */
export const broadcastsProjection = rowProjection({
  name: 'broadcasts',
  version: 1,
  keys: {
    [BROADCAST_SCHEDULES_TABLE]: ['channel_id', 'broadcast_id'],
    [BROADCAST_OPT_OUTS_TABLE]: ['channel_id', 'subscriber_id'],
    [BROADCAST_PUBLIC_CHANNELS_TABLE]: ['channel_id'],
  },
  ddl: broadcastsDdl,
  handles: [...PLAN_EVENTS, ...OPT_OUT_EVENTS],
  touches,
  evolve,
});
