import { describe, expect, it } from 'vitest';
import type { ApiCallFn } from 'grammy';
import { createApiGuard } from './api-guard.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
type Reply = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** A scripted Bot API answer sequence: the guard is pure control flow around `prev`. */
const scripted = (replies: Reply[]) => {
  const calls: string[] = [];
  const prev = (async (method: string) => {
    calls.push(method);
    return replies.shift() ?? { ok: true, result: true };
  }) as unknown as ApiCallFn;
  return { prev, calls };
};

describe('api guard', () => {
  it('waits retry_after on 429 and retries', async () => {
    const slept: number[] = [];
    const guard = createApiGuard({ logger: silent, clock: () => new Date(), perSecond: 1000, sleep: async (ms) => void slept.push(ms) });
    const { prev, calls } = scripted([{ ok: false, error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } }]);
    const response = await guard(prev, 'sendMessage', { chat_id: 1, text: 'hi' } as never);
    expect(response.ok).toBe(true);
    expect(slept).toEqual([2000]);
    expect(calls).toEqual(['sendMessage', 'sendMessage']);
  });

  it('gives up after maxRetries or a too long retry_after', async () => {
    const guard = createApiGuard({ logger: silent, clock: () => new Date(), perSecond: 1000, maxRetries: 2, maxRetryAfterSeconds: 10, sleep: async () => undefined });
    const busy: Reply = { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } };
    const many = scripted([busy, busy, busy, busy]);
    expect((await guard(many.prev, 'sendMessage', { chat_id: 1 } as never)).ok).toBe(false);
    expect(many.calls).toHaveLength(3);
    const long = scripted([{ ...busy, parameters: { retry_after: 11 } }]);
    expect((await guard(long.prev, 'sendMessage', { chat_id: 1 } as never)).ok).toBe(false);
    expect(long.calls).toHaveLength(1);
  });

  it('records a 403 chat once and does not retry it', async () => {
    const blocked: { chatId: string; reason: string }[] = [];
    const guard = createApiGuard({
      logger: silent,
      clock: () => new Date('2026-01-01T00:00:00Z'),
      perSecond: 1000,
      blockedChats: { blocked: async ({ chatId, reason }) => void blocked.push({ chatId, reason }), reachable: async () => undefined },
    });
    const { prev, calls } = scripted([{ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }]);
    expect((await guard(prev, 'sendMessage', { chat_id: 42, text: 'x' } as never)).ok).toBe(false);
    expect(calls).toHaveLength(1);
    expect(blocked).toEqual([{ chatId: '42', reason: 'bot was blocked by the user' }]);
  });

  it('leaves getUpdates to the runner', async () => {
    const slept: number[] = [];
    const guard = createApiGuard({ logger: silent, clock: () => new Date(), sleep: async (ms) => void slept.push(ms) });
    const { prev, calls } = scripted([{ ok: false, error_code: 429, description: 'busy', parameters: { retry_after: 5 } }]);
    expect((await guard(prev, 'getUpdates', {} as never)).ok).toBe(false);
    expect(calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });
});

describe('api guard with outside pacing', () => {
  it('waits as the pacing says and pushes the chat past a 429', async () => {
    const slept: number[] = [];
    const waited: unknown[] = [];
    const penalties: number[] = [];
    const guard = createApiGuard({
      logger: silent,
      clock: () => new Date(),
      sleep: async (ms) => void slept.push(ms),
      pacing: { wait: async (method, payload) => void waited.push([method, payload.chat_id]), penalize: (_method, _payload, until) => void penalties.push(until) },
    });
    const { prev } = scripted([{ ok: false, error_code: 429, description: 'busy', parameters: { retry_after: 3 } }]);
    const before = Date.now();
    expect((await guard(prev, 'sendMessage', { chat_id: 7, text: 'x' } as never)).ok).toBe(true);
    expect(waited).toEqual([
      ['sendMessage', 7],
      ['sendMessage', 7],
    ]);
    expect(slept).toEqual([3000]);
    expect(penalties[0]).toBeGreaterThanOrEqual(before + 3000);
  });
});
