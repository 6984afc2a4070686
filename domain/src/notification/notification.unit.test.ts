import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { ownerNotificationDecider, parseOwnerNotificationEvent, type RecordOwnerNotified } from './owner-notification.ts';
import { parseTelegramUserEvent, telegramUserDecider } from './telegram-user.ts';

const at = '2026-01-01T00:00:00.000Z';
const causeEventId = '3f1e3c8a-5b1d-5c2e-9a7f-0d1e2f3a4b5c';

describe('owner notification', () => {
  const given = deciderSpec(ownerNotificationDecider, { validateEvent: parseOwnerNotificationEvent });
  const record = (data: Partial<RecordOwnerNotified['data']> = {}): RecordOwnerNotified => ({
    type: 'RecordOwnerNotified',
    data: { ownerId: '42', channelId: 'ch1', kind: 'new_subscriber', causeEventId, delivery: 'sent', messageId: 7, notifiedAt: at, ...data },
  });
  const notified = { type: 'OwnerNotified' as const, data: { ownerId: '42', channelId: 'ch1', kind: 'new_subscriber' as const, causeEventId, delivery: 'sent' as const, messageId: 7, notifiedAt: at } };
  it('records a notification once', () => {
    given([]).when(record()).then([notified]);
    given([notified]).when(record({ messageId: 8 })).then([]);
  });
  it('records a blocked owner without a message id', () => {
    const { messageId: _m, ...data } = notified.data;
    given([]).when(record({ delivery: 'blocked', messageId: undefined })).then([{ type: 'OwnerNotified', data: { ...data, delivery: 'blocked' } }]);
  });
  it('validates the kind', () => given([]).when(record({ kind: 'gossip' as 'renewal' })).thenThrows('validation', 'kind'));
});

describe('telegram user', () => {
  const given = deciderSpec(telegramUserDecider, { validateEvent: parseTelegramUserEvent });
  const blocked = { type: 'TelegramUserBlockedBot' as const, data: { userId: '42', blockedAt: at } };
  const unblocked = { type: 'TelegramUserUnblockedBot' as const, data: { userId: '42', unblockedAt: at } };
  it('records a block once, and an unblock only after a block', () => {
    given([]).when({ type: 'RecordBotBlocked', data: { userId: '42', blockedAt: at } }).then([blocked]);
    given([blocked]).when({ type: 'RecordBotBlocked', data: { userId: '42', blockedAt: at } }).then([]);
    given([blocked]).when({ type: 'RecordBotUnblocked', data: { userId: '42', unblockedAt: at } }).then([unblocked]);
    given([]).when({ type: 'RecordBotUnblocked', data: { userId: '42', unblockedAt: at } }).then([]);
    given([blocked, unblocked]).when({ type: 'RecordBotBlocked', data: { userId: '42', blockedAt: at } }).then([blocked]);
  });
});
