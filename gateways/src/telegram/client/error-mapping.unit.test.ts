import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { redactToken } from './bot-api-call.ts';
import { chatIdToWire, userIdToWire } from './client.ts';
import { mapBotApiError } from './error-mapping.ts';

const map = (errorCode: number, description: string, retryAfter?: number) => {
  const error = mapBotApiError('sendMessage', { errorCode, description, ...(retryAfter === undefined ? {} : { retryAfter }) });
  return { kind: error.kind, reason: error.details.reason, retryAfterSeconds: error.details.retryAfterSeconds };
};

describe('Bot API error → PayGateError', () => {
  it.each([
    [429, 'Too Many Requests: retry after 17', 17, { kind: 'rate_limited', retryAfterSeconds: 17 }],
    [403, 'Forbidden: bot was blocked by the user', undefined, { kind: 'forbidden', reason: 'blocked' }],
    [403, 'Forbidden: user is deactivated', undefined, { kind: 'forbidden', reason: 'blocked' }],
    [403, "Forbidden: bot can't initiate conversation with a user", undefined, { kind: 'forbidden', reason: 'blocked' }],
    [403, 'Forbidden: bot was kicked from the channel chat', undefined, { kind: 'forbidden', reason: 'kicked' }],
    [403, 'Forbidden: bot is not a member of the channel chat', undefined, { kind: 'forbidden', reason: 'kicked' }],
    [400, 'Bad Request: not enough rights to manage chat invite link', undefined, { kind: 'forbidden', reason: 'not_admin' }],
    [400, 'Bad Request: need administrator rights in the channel chat', undefined, { kind: 'forbidden', reason: 'not_admin' }],
    [400, 'Bad Request: chat not found', undefined, { kind: 'not_found' }],
    [400, 'Bad Request: user not found', undefined, { kind: 'not_found' }],
    [400, 'Bad Request: HIDE_REQUESTER_MISSING', undefined, { kind: 'not_found' }],
    [400, 'Bad Request: USER_ALREADY_PARTICIPANT', undefined, { kind: 'conflict', reason: 'already_member' }],
    [400, 'Bad Request: message is not modified: specified new message content…', undefined, { kind: 'conflict', reason: 'not_modified' }],
    [400, 'Bad Request: message text is empty', undefined, { kind: 'validation' }],
    [409, 'Conflict: terminated by other getUpdates request', undefined, { kind: 'conflict' }],
    [401, 'Unauthorized', undefined, { kind: 'unauthorized' }],
    [404, 'Not Found', undefined, { kind: 'internal' }],
    [500, 'Internal Server Error', undefined, { kind: 'unavailable' }],
    [502, 'Bad Gateway', undefined, { kind: 'unavailable' }],
  ])('%i %s', (code, description, retryAfter, expected) => {
    expect(map(code, description, retryAfter)).toEqual({ reason: undefined, retryAfterSeconds: undefined, ...expected });
  });

  it('keeps method, code and description in details', () => {
    const error = mapBotApiError('banChatMember', { errorCode: 400, description: 'Bad Request: chat not found' });
    expect(error).toBeInstanceOf(PayGateError);
    expect(error.message).toBe('Telegram banChatMember failed: Bad Request: chat not found');
    expect(error.details).toEqual({ method: 'banChatMember', errorCode: 400, description: 'Bad Request: chat not found' });
  });

  it('scrubs the token from text', () => {
    expect(redactToken('123:abc', 'GET https://api.telegram.org/bot123:abc/getMe failed')).toBe('GET https://api.telegram.org/bot[redacted]/getMe failed');
  });
});

describe('ids on the wire', () => {
  it('writes safe integer ids as JSON numbers, exactly', () => {
    expect(JSON.stringify({ chat_id: chatIdToWire('chatId', '-1002000000001') })).toBe('{"chat_id":-1002000000001}');
    expect(userIdToWire('userId', '9007199254740991')).toBe(9007199254740991);
    expect(chatIdToWire('chatId', '@paid_channel')).toBe('@paid_channel');
  });

  it.each(['9007199254740993', '-9007199254740993', '1e5', '12.0', '', ' 1', '0x10', '007', 'abc'])('refuses %j', (id) => {
    expect(() => userIdToWire('userId', id)).toThrow(expect.objectContaining({ kind: 'validation', details: { field: 'userId' } }));
  });
});
