import { describe, expect, it } from 'vitest';
import { createPayGateBot, type BotDeps } from './create-bot.ts';

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const depsWithout = (access: BotDeps['access']) =>
  ({ channels: {}, invoices: {}, queries: {}, ledger: {}, clock: () => new Date(), logger, ...(access ? { access } : {}) }) as unknown as BotDeps;
const botInfo = { id: 1, is_bot: true, first_name: 'PayGate', username: 'paygate_test_bot' } as never;

describe('allowed updates', () => {
  it('always asks for chat_member (an owner losing admin rights holds payouts); join requests only with the access manager', () => {
    const bare = createPayGateBot(depsWithout(undefined), { token: '1:x', botInfo });
    expect(bare.allowedUpdates).toEqual(['message', 'callback_query', 'my_chat_member', 'chat_member']);
    const access = { handleJoinRequest: async () => undefined, handleMemberJoined: async () => undefined };
    expect(createPayGateBot(depsWithout(access), { token: '1:x', botInfo }).allowedUpdates).toContain('chat_join_request');
  });
});
