import { describe, expect, it } from 'vitest';
import type { ThrottleKey } from './throttle.ts';
import { createThrottleQueue, type TelegramPriority } from './throttle-queue.ts';

const chat = (n: number): ThrottleKey => ({ chatId: String(5_000_000_000 + n), kind: 'private' });

/**
 * A fake clock: sleepers wake in time order, each only once everything due before it has run,
 * so the tests assert order, never timing.
 */
const fakeTime = () => {
  let clock = 0;
  const timers: { at: number; wake: () => void }[] = [];
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    // Let every caller settle (queue, book, go to sleep) before the earliest sleeper wakes.
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (timers.length === 0) break;
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift()!;
      clock = Math.max(clock, timer.at);
      timer.wake();
    }
    running = false;
  };
  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      timers.push({ at: clock + ms, wake });
      void run();
    });
  return { now: () => clock, sleep, at: () => clock };
};

/** One global slot a second, no burst: every call after the first waits for the pump. */
const oneASecond = { globalPerSecond: 1, globalBurst: 1 };

const sendAll = async (calls: { name: string; priority: TelegramPriority; key?: ThrottleKey }[]) => {
  const time = fakeTime();
  const queue = createThrottleQueue({ limits: oneASecond, ...time });
  const sent: string[] = [];
  await Promise.all(calls.map(({ name, priority, key }, i) => queue.acquire(key ?? chat(i), priority).then(() => void sent.push(name))));
  return { sent, queue };
};

describe('throttle queue', () => {
  it('with a queue full of owner notices, an invite enqueued later is sent next', async () => {
    const notices = Array.from({ length: 5 }, (_, i) => ({ name: `notice ${i}`, priority: 'notice' as const }));
    const { sent, queue } = await sendAll([...notices, { name: 'invite', priority: 'access' }]);
    // notice 0 had the free slot before the invite was queued; the invite takes the next one.
    expect(sent).toEqual(['notice 0', 'invite', 'notice 1', 'notice 2', 'notice 3', 'notice 4']);
    expect(queue.waiting()).toBe(0);
  });

  it('reminders go before owner notices, access before both, first come first served within a priority', async () => {
    const { sent } = await sendAll([
      { name: 'notice a', priority: 'notice' },
      { name: 'notice b', priority: 'notice' },
      { name: 'reminder a', priority: 'reminder' },
      { name: 'notice c', priority: 'notice' },
      { name: 'reminder b', priority: 'reminder' },
      { name: 'removal', priority: 'access' },
    ]);
    expect(sent).toEqual(['notice a', 'removal', 'reminder a', 'reminder b', 'notice b', 'notice c']);
  });

  it('an access call queued after 100 broadcast messages is admitted before all but the one already admitted', async () => {
    const broadcasts = Array.from({ length: 100 }, (_, i) => ({ name: `broadcast ${i}`, priority: 'broadcast' as const }));
    const { sent } = await sendAll([...broadcasts, { name: 'notice', priority: 'notice' }, { name: 'invite', priority: 'access' }]);
    expect(sent.slice(0, 4)).toEqual(['broadcast 0', 'invite', 'notice', 'broadcast 1']);
    expect(sent).toHaveLength(102);
  });

  it("a chat's own pace delays only that chat: others take the global slots meanwhile", async () => {
    const time = fakeTime();
    const queue = createThrottleQueue({ limits: { globalPerSecond: 30, globalBurst: 30, privatePerSecond: 1, privateBurst: 1 }, ...time });
    const sent: string[] = [];
    const owner = chat(0);
    await Promise.all([
      queue.acquire(owner, 'notice').then(() => void sent.push('owner 1')),
      queue.acquire(owner, 'notice').then(() => void sent.push('owner 2')),
      queue.acquire(chat(1), 'notice').then(() => void sent.push('other')),
    ]);
    expect(sent).toEqual(['owner 1', 'other', 'owner 2']);
  });

  it('calls that are not messages pass straight through', async () => {
    const time = fakeTime();
    const queue = createThrottleQueue({ limits: oneASecond, ...time });
    await queue.acquire(chat(0), 'notice');
    await queue.acquire('none', 'notice');
    expect(time.at()).toBe(0);
  });

  it('a 429 penalty holds back that chat', async () => {
    const time = fakeTime();
    const queue = createThrottleQueue({ ...time });
    queue.penalize(chat(0), 7_000);
    await queue.acquire(chat(0), 'access');
    expect(time.at()).toBe(7_000);
  });

  it('an aborted wait leaves the queue', async () => {
    const time = fakeTime();
    const queue = createThrottleQueue({ limits: oneASecond, ...time, sleep: () => new Promise(() => undefined) });
    await queue.acquire(chat(0), 'notice');
    const controller = new AbortController();
    const waiting = queue.acquire(chat(1), 'notice', controller.signal);
    expect(queue.waiting()).toBe(1);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    expect(queue.waiting()).toBe(0);
  });
});
