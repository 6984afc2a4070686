import { describe, expect, it } from 'vitest';
import { channelCodeForChat } from '../links/index.ts';
import { chatIdForChannelCode } from './chat-of-code.ts';

describe('chatIdForChannelCode', () => {
  it('inverts channelCodeForChat for channel ids', () => {
    for (const chatId of ['-1001234567890', '-1009999999999999', '-1']) expect(chatIdForChannelCode(channelCodeForChat(chatId))).toBe(chatId);
  });
  it('refuses what no channel id gives', () => {
    for (const code of ['', 'c', 'x123', 'c00', 'C1', 'c1-2', `c${'z'.repeat(14)}`, 'c0']) expect(chatIdForChannelCode(code)).toBeUndefined();
  });
});
