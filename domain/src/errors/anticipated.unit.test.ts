import { describe, expect, it } from 'vitest';
import { isAnticipatedError } from './anticipated.ts';
import { PayGateError } from './paygate-error.ts';

describe('isAnticipatedError', () => {
  it.each([
    [new PayGateError('not_found', 'Telegram sendMessage failed: Bad Request: chat not found'), true],
    [new PayGateError('forbidden', 'Telegram sendMessage failed: Forbidden: bot was blocked by the user'), true],
    [new PayGateError('rate_limited', 'slow down', { retryAfterSeconds: 3 }), true],
    [new PayGateError('unavailable', 'another worker holds the claim', { retryAfterSeconds: 30 }), true],
    [new PayGateError('unavailable', 'Telegram unreachable'), false],
    [new PayGateError('internal', 'bug'), false],
    [new TypeError('x is undefined'), false],
    ['a string', false],
  ])('%s → %s', (error, expected) => {
    expect(isAnticipatedError(error)).toBe(expected);
  });
});
