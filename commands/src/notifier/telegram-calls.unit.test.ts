import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { isUnreachableUser, retryAfterSeconds, withRateLimit } from './telegram-calls.ts';

const limited = (seconds: number) => new PayGateError('rate_limited', 'Too Many Requests', { retryAfterSeconds: seconds });

describe('withRateLimit', () => {
  it('waits out a short 429 in place and retries', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRateLimit(
      async () => {
        calls++;
        if (calls === 1) throw limited(2);
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([2000]);
  });

  it('rethrows a long 429 for the broker to back off, and gives up after three tries', async () => {
    await expect(withRateLimit(() => Promise.reject(limited(30)), { sleep: async () => undefined })).rejects.toMatchObject({ kind: 'rate_limited' });
    let calls = 0;
    await expect(
      withRateLimit(
        () => {
          calls++;
          return Promise.reject(limited(1));
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withRateLimit(() => {
        calls++;
        return Promise.reject(new PayGateError('unavailable', 'down'));
      }),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(1);
  });

  it('reads retry_after and recognises a blocked user', () => {
    expect(retryAfterSeconds(limited(7))).toBe(7);
    expect(retryAfterSeconds(new PayGateError('rate_limited', 'x'))).toBe(1);
    expect(retryAfterSeconds(new Error('x'))).toBeNull();
    expect(isUnreachableUser(new PayGateError('forbidden', 'blocked', { reason: 'blocked' }))).toBe(true);
    expect(isUnreachableUser(new PayGateError('not_found', 'Telegram sendMessage failed: Bad Request: chat not found', { errorCode: 400 }))).toBe(true);
    expect(isUnreachableUser(new PayGateError('unavailable', 'Telegram unreachable'))).toBe(false);
    expect(isUnreachableUser(new PayGateError('validation', 'x'))).toBe(false);
  });
});
