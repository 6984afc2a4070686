import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createThrottle, DEFAULT_THROTTLE_LIMITS, throttleKeyFor, type ThrottleKey } from './throttle.ts';

const alice: ThrottleKey = { chatId: '5000000001', kind: 'private' };
const bob: ThrottleKey = { chatId: '5000000002', kind: 'private' };
const channel: ThrottleKey = { chatId: '-1002000000001', kind: 'group' };

/** Sends `count` calls as fast as the throttle allows; returns each send time. */
const schedule = (throttle: ReturnType<typeof createThrottle>, keys: ThrottleKey[], startMs = 0) => {
  let clock = startMs;
  return keys.map((key) => {
    clock += throttle.reserve(key, clock);
    return clock;
  });
};

describe('throttle', () => {
  it('lets a private chat burst 3 messages, then one a second', () => {
    expect(schedule(createThrottle(), Array(6).fill(alice))).toEqual([0, 0, 0, 1_000, 2_000, 3_000]);
  });

  it('paces a group or channel at 20 a minute after a burst of 3', () => {
    expect(schedule(createThrottle(), Array(5).fill(channel))).toEqual([0, 0, 0, 3_000, 6_000]);
  });

  it('keeps chats independent but all of them under 30 a second overall', () => {
    const throttle = createThrottle();
    expect(schedule(throttle, [alice, bob, alice, bob])).toEqual([0, 0, 0, 0]);
    const many = Array.from({ length: 90 }, (_, i): ThrottleKey => ({ chatId: String(6_000_000_000 + i), kind: 'private' }));
    const times = schedule(createThrottle(), many);
    // 30 in the first burst, then one every 1/30 s.
    expect(times.filter((t) => t === 0)).toHaveLength(30);
    expect(Math.round(times.at(-1)!)).toBe(2_000);
  });

  it('waits out a 429 for that chat only', () => {
    const throttle = createThrottle();
    throttle.penalize(alice, 5_000);
    expect(throttle.reserve(alice, 1_000)).toBe(4_000);
    expect(throttle.reserve(bob, 1_000)).toBe(0);
  });

  it('honours every limit for any arrival pattern (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ chat: fc.integer({ min: 0, max: 4 }), gap: fc.integer({ min: 0, max: 1_500 }) }), { maxLength: 120 }),
        (calls) => {
          const throttle = createThrottle();
          let clock = 0;
          const sent: { chat: number; at: number }[] = [];
          for (const call of calls) {
            clock += call.gap;
            const key: ThrottleKey = { chatId: String(call.chat), kind: 'private' };
            sent.push({ chat: call.chat, at: clock + throttle.reserve(key, clock) });
          }
          // In any window of 1 s: ≤ 30 overall; per chat ≤ burst (3) + 1 (the window holds one more paced slot).
          for (const { at } of sent) {
            const window = sent.filter((s) => s.at >= at && s.at < at + 1_000);
            expect(window.length).toBeLessThanOrEqual(DEFAULT_THROTTLE_LIMITS.globalBurst + 30);
            for (let chat = 0; chat < 5; chat += 1) {
              expect(window.filter((s) => s.chat === chat).length).toBeLessThanOrEqual(DEFAULT_THROTTLE_LIMITS.privateBurst + 1);
            }
          }
          // GCRA bound: any k consecutive sends to one chat span at least (k - burst) seconds.
          for (let chat = 0; chat < 5; chat += 1) {
            const times = sent.filter((s) => s.chat === chat).map((s) => s.at);
            for (let i = 0; i < times.length; i += 1) {
              for (let k = 3; k <= Math.min(i, 8); k += 1) expect(times[i]! - times[i - k]!).toBeGreaterThanOrEqual((k - 2) * 1_000 - 1e-6);
            }
          }
        },
      ),
    );
  });

  it('forgets idle chats so memory stays bounded', () => {
    const throttle = createThrottle();
    for (let i = 0; i < 5_000; i += 1) throttle.reserve({ chatId: String(i), kind: 'private' }, i * 10_000);
    expect(throttle.trackedChats()).toBeLessThanOrEqual(1_001);
  });

  it('paces only message-producing methods, by chat kind', () => {
    expect(throttleKeyFor('sendMessage', { chat_id: 5000000001 })).toEqual(alice);
    expect(throttleKeyFor('editMessageText', { chat_id: -1002000000001 })).toEqual(channel);
    expect(throttleKeyFor('sendMessage', { chat_id: '@paid_channel' })).toEqual({ chatId: '@paid_channel', kind: 'group' });
    expect(throttleKeyFor('editMessageText', { inline_message_id: 'x' })).toBe('global');
    for (const method of ['getUpdates', 'createChatInviteLink', 'banChatMember', 'answerCallbackQuery', 'sendChatAction']) {
      expect(throttleKeyFor(method, { chat_id: 1 })).toBe('none');
    }
  });

  it('refuses nonsense limits', () => {
    expect(() => createThrottle({ ...DEFAULT_THROTTLE_LIMITS, privatePerSecond: 0 })).toThrow(RangeError);
  });
});
