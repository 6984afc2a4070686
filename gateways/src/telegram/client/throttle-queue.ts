import { createThrottle, DEFAULT_THROTTLE_LIMITS, type Throttle, type ThrottleKey, type ThrottleLimits } from './throttle.ts';

/**
 * What a paced call is for, most urgent first: access (invite links, join approvals and
 * declines, removals), then reminders, then owner notices and anything else, and last the
 * owners' broadcasts (thousands at a time: they take only slots nothing else wants).
 */
export const TELEGRAM_PRIORITIES = ['access', 'reminder', 'notice', 'broadcast'] as const;
export type TelegramPriority = (typeof TELEGRAM_PRIORITIES)[number];

/**
 * One per process, shared by every Telegram caller in it (the bot's grammY API and the process
 * managers' gateway), so the priority holds across all of them.
 */
export type ThrottleQueue = {
  /**
   * Resolves when the call may be sent. Calls wait for a global slot in priority order (first
   * come, first served within a priority); a chat's own pace then delays only that call.
   */
  acquire(key: ThrottleKey, priority: TelegramPriority, signal?: AbortSignal): Promise<void>;
  /** Nothing more for this key before `untilMs` (Telegram's retry_after). */
  penalize(key: ThrottleKey, untilMs: number): void;
  /** Calls waiting for a global slot. */
  waiting(): number;
};

export type ThrottleQueueOptions = {
  limits?: Partial<ThrottleLimits>;
  /** ms; the clock `penalize` times are on. Default Date.now. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

type Waiter = { key: ThrottleKey; admit: (delayMs: number) => void; fail: (reason: unknown) => void };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const abortable = (ms: number, sleep: (ms: number) => Promise<void>, signal: AbortSignal | undefined): Promise<void> => {
  if (ms <= 0) return Promise.resolve();
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
};

export const createThrottleQueue = (options: ThrottleQueueOptions = {}): ThrottleQueue => {
  const throttle: Throttle = createThrottle({ ...DEFAULT_THROTTLE_LIMITS, ...options.limits });
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? realSleep;
  const queues: Record<TelegramPriority, Waiter[]> = { access: [], reminder: [], notice: [], broadcast: [] };
  let pumping = false;

  const head = (): Waiter | undefined => {
    for (const priority of TELEGRAM_PRIORITIES) if (queues[priority].length > 0) return queues[priority].shift();
    return undefined;
  };
  const waiting = () => TELEGRAM_PRIORITIES.reduce((sum, priority) => sum + queues[priority].length, 0);

  // One pump admits calls one global slot at a time; the choice of which call gets the slot is
  // made only when the slot is free, so an access call queued later overtakes notices queued earlier.
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting() > 0) {
        const wait = throttle.globalDelay(now());
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        const next = head()!;
        next.admit(throttle.reserve(next.key, now()));
      }
    } finally {
      pumping = false;
    }
  };

  return {
    async acquire(key, priority, signal) {
      if (key === 'none') return; // not a message: Telegram does not count it
      const delay = await new Promise<number>((admit, fail) => {
        if (signal?.aborted) return fail(signal.reason);
        const waiter: Waiter = { key, admit, fail };
        queues[priority].push(waiter);
        signal?.addEventListener(
          'abort',
          () => {
            const queue = queues[priority];
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            fail(signal.reason);
          },
          { once: true },
        );
        void pump();
      });
      await abortable(delay, sleep, signal);
    },
    penalize: (key, untilMs) => throttle.penalize(key, untilMs),
    waiting,
  };
};
