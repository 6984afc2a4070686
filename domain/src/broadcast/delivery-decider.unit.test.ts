import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import type { DeliveryCommand } from './delivery-commands.ts';
import { deliveryDecider } from './delivery-decider.ts';
import { broadcastDeliveryStreamId, parseDeliveryEvent, type DeliveryEvent } from './delivery-events.ts';
import { pendingRecipients } from './delivery-state.ts';

const given = deciderSpec(deliveryDecider, { validateEvent: parseDeliveryEvent });
const occurrence = '2026-01-11T08:00:00.000Z';
const at = '2026-01-11T08:00:01.000Z';
const base = { broadcastId: 'b1', occurrence, at };
const listed = (chatIds: string[], chunk = 0, chunks = 1): DeliveryEvent => ({
  type: 'BroadcastRecipientsListed',
  data: { broadcastId: 'b1', occurrence, chunk, chunks, chatIds, listedAt: at },
});
const claimed = (chatIds: string[]): DeliveryEvent => ({ type: 'BroadcastDeliveryClaimed', data: { broadcastId: 'b1', occurrence, chatIds, runId: 'run-1', claimedAt: at } });
const sent = (chatId: string): DeliveryEvent => ({ type: 'BroadcastSent', data: { broadcastId: 'b1', occurrence, chatId, messageId: 7, sentAt: at } });
const failed = (chatId: string, reason: string): DeliveryEvent => ({
  type: 'BroadcastFailed',
  data: { broadcastId: 'b1', occurrence, chatId, reason, permanent: true, failedAt: at },
});
const claim = (chatIds: string[]): DeliveryCommand => ({ type: 'ClaimBroadcastDelivery', data: { ...base, chatIds, runId: 'run-1' } });

describe('broadcast delivery', () => {
  it('names its stream by broadcast and occurrence', () => expect(broadcastDeliveryStreamId('b1', occurrence)).toBe('broadcast-delivery-b1-20260111T080000000Z'));

  it('lists recipients once, without duplicates, in chunks of 1000', () => {
    const many = Array.from({ length: 2500 }, (_, i) => String(1000 + i));
    const list: DeliveryCommand = { type: 'ListBroadcastRecipients', data: { ...base, chatIds: [...many, '1000'] } };
    given([]).when(list).then([listed(many.slice(0, 1000), 0, 3), listed(many.slice(1000, 2000), 1, 3), listed(many.slice(2000), 2, 3)]);
    given([listed(['1'])]).when(list).then([]);
  });

  it('claims only chats neither done nor claimed', () => {
    given([listed(['1', '2', '3']), claimed(['1']), sent('1')]).when(claim(['1', '2'])).then([claimed(['2'])]);
    given([listed(['1', '2']), claimed(['1', '2'])]).when(claim(['1', '2'])).then([]);
  });
  it('refuses to claim a chat that is not a recipient', () => given([listed(['1'])]).when(claim(['9'])).thenThrows('validation', 'not a recipient'));
  it('refuses to claim before the list is complete', () => given([listed(['1'], 0, 2)]).when(claim(['1'])).thenThrows('conflict', 'not listed'));

  it('records one outcome per chat, only for claimed chats', () => {
    const send = (chatId: string): DeliveryCommand => ({ type: 'RecordBroadcastSent', data: { ...base, chatId, messageId: 7 } });
    given([listed(['1']), claimed(['1'])]).when(send('1')).then([sent('1')]);
    given([listed(['1']), claimed(['1']), sent('1')]).when(send('1')).then([]);
    given([listed(['1'])]).when(send('1')).thenThrows('conflict', 'not claimed');
    given([listed(['1']), claimed(['1'])])
      .when({ type: 'RecordBroadcastFailed', data: { ...base, chatId: '1', reason: 'blocked', permanent: true } })
      .then([failed('1', 'blocked')]);
  });

  it('releases claimed chats Telegram did not get: pending again, counted per chat', () => {
    const release: DeliveryCommand = { type: 'ReleaseBroadcastDelivery', data: { ...base, chatIds: ['1', '2', '3'], reason: 'unauthorized' } };
    const released: DeliveryEvent = {
      type: 'BroadcastDeliveryReleased',
      data: { broadcastId: 'b1', occurrence, chatIds: ['2', '3'], reason: 'unauthorized', releasedAt: at },
    };
    const history = [listed(['1', '2', '3', '4']), claimed(['1', '2', '3']), sent('1')];
    given(history).when(release).then([released]);
    given([listed(['1'])]).when(release).then([]);
    const after = foldEvents(deliveryDecider, [...history, released]);
    expect(pendingRecipients(after)).toEqual(['2', '3', '4']);
    expect(after.releases.get('2')).toBe(1);
    given([...history, released]).when({ type: 'InterruptBroadcastClaims', data: base }).then([]);
  });

  it('a systemic release (the run stopped) makes the chats pending again without counting toward their limit', () => {
    const release: DeliveryCommand = { type: 'ReleaseBroadcastDelivery', data: { ...base, chatIds: ['1', '2'], reason: 'unauthorized', systemic: true } };
    const released: DeliveryEvent = {
      type: 'BroadcastDeliveryReleased',
      data: { broadcastId: 'b1', occurrence, chatIds: ['1', '2'], reason: 'unauthorized', systemic: true, releasedAt: at },
    };
    const history = [listed(['1', '2']), claimed(['1', '2'])];
    given(history).when(release).then([released]);
    const after = foldEvents(deliveryDecider, [...history, released]);
    expect(pendingRecipients(after)).toEqual(['1', '2']);
    expect(after.releases.get('1')).toBeUndefined();
    expect(after.released).toBe(1); // a later pass knows an earlier one got somewhere
  });

  it('abandons the recipients not yet done (claimed or not), permanently', () => {
    const abandon: DeliveryCommand = { type: 'AbandonBroadcastDelivery', data: { ...base, chatIds: ['1', '2', '3', '9'], reason: 'channel_gone' } };
    given([listed(['1', '2', '3']), claimed(['1', '2']), sent('1')]).when(abandon).then([failed('2', 'channel_gone'), failed('3', 'channel_gone')]);
  });

  it('a restart fails chats claimed by a dead sender as interrupted, never re-sends them', () => {
    const history = [listed(['1', '2', '3', '4']), claimed(['1', '2', '3']), sent('1')];
    given(history).when({ type: 'InterruptBroadcastClaims', data: base }).then([failed('2', 'interrupted'), failed('3', 'interrupted')]);
    const after = foldEvents(deliveryDecider, [...history, failed('2', 'interrupted'), failed('3', 'interrupted')]);
    expect(pendingRecipients(after)).toEqual(['4']);
    expect([after.sent, after.failed, after.blocked]).toEqual([1, 2, 0]);
  });
});
