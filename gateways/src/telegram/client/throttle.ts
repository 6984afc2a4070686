/**
 * Outbound pacing under Telegram's published limits, as a small reservation scheduler (GCRA,
 * i.e. a token bucket keyed by "theoretical arrival time"): about 30 messages a second
 * overall, one a second per private chat and 20 a minute per group or channel, each with a
 * small burst. `reserve` books the earliest slot every bucket the call draws on allows and
 * returns how long to wait for it; time is passed in, so the scheduler is pure and testable.
 * A 429 pushes the chat's (or the global) bucket to the time Telegram named.
 */
export type ThrottleLimits = {
  readonly globalPerSecond: number;
  readonly globalBurst: number;
  readonly privatePerSecond: number;
  readonly privateBurst: number;
  readonly groupPerMinute: number;
  readonly groupBurst: number;
};

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  globalPerSecond: 30,
  globalBurst: 30,
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
  groupBurst: 3,
};

/** What a call draws on: nothing, the global bucket only, or also a chat's. */
export type ThrottleKey = { readonly chatId: string; readonly kind: 'private' | 'group' } | 'global' | 'none';

export type Throttle = {
  /** Books a slot for a call at `nowMs`; returns the milliseconds to wait before sending it. */
  reserve(key: ThrottleKey, nowMs: number): number;
  /** Nothing more for this key before `untilMs` (Telegram's retry_after). */
  penalize(key: ThrottleKey, untilMs: number): void;
  /** Milliseconds until the global bucket admits another call, booking nothing. */
  globalDelay(nowMs: number): number;
  /** Chats with a bucket still in use (idle ones are forgotten). */
  trackedChats(): number;
};

type Bucket = { readonly intervalMs: number; readonly toleranceMs: number };

const bucket = (perMs: number, burst: number): Bucket => {
  if (!(perMs > 0) || !(burst >= 1)) throw new RangeError('throttle rates must be positive and bursts at least 1');
  const intervalMs = 1 / perMs;
  return { intervalMs, toleranceMs: intervalMs * (Math.floor(burst) - 1) };
};

const PRUNE_ABOVE = 1_000;

/** Rates like 1000/30 ms are not exact in binary: a slot a femtosecond late is on time. */
const EPSILON_MS = 1e-6;
const settle = (earliest: number, candidate: number) => (candidate - earliest > EPSILON_MS ? candidate : earliest);

export const createThrottle = (limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS): Throttle => {
  const global = bucket(limits.globalPerSecond / 1_000, limits.globalBurst);
  const privateChat = bucket(limits.privatePerSecond / 1_000, limits.privateBurst);
  const groupChat = bucket(limits.groupPerMinute / 60_000, limits.groupBurst);
  let globalTat = -Infinity;
  const chatTat = new Map<string, number>();
  let pruneAbove = PRUNE_ABOVE;

  const chatBucket = (kind: 'private' | 'group') => (kind === 'private' ? privateChat : groupChat);

  // A bucket whose arrival time has passed is as good as new: drop it so the map stays small.
  const prune = (nowMs: number) => {
    if (chatTat.size <= pruneAbove) return;
    for (const [chatId, tat] of chatTat) if (tat <= nowMs) chatTat.delete(chatId);
    pruneAbove = Math.max(PRUNE_ABOVE, chatTat.size * 2);
  };

  return {
    reserve(key, nowMs) {
      if (key === 'none') return 0;
      // The global bucket admits the call first; a chat's own pace may then push the send
      // later without holding a global slot in the future (that would stall every other chat
      // behind one rate-limited chat).
      const globalStart = settle(nowMs, Math.max(globalTat, nowMs) - global.toleranceMs);
      globalTat = Math.max(globalTat, globalStart) + global.intervalMs;
      let start = globalStart;
      if (key !== 'global') {
        const b = chatBucket(key.kind);
        const tat = Math.max(chatTat.get(key.chatId) ?? nowMs, nowMs);
        start = settle(start, tat - b.toleranceMs);
        chatTat.set(key.chatId, Math.max(tat, start) + b.intervalMs);
      }
      prune(nowMs);
      return start - nowMs;
    },
    penalize(key, untilMs) {
      if (key === 'none') return;
      if (key === 'global') {
        globalTat = Math.max(globalTat, untilMs + global.toleranceMs);
        return;
      }
      const b = chatBucket(key.kind);
      chatTat.set(key.chatId, Math.max(chatTat.get(key.chatId) ?? -Infinity, untilMs + b.toleranceMs));
    },
    globalDelay: (nowMs) => settle(nowMs, Math.max(globalTat, nowMs) - global.toleranceMs) - nowMs,
    trackedChats: () => chatTat.size,
  };
};

/** Only message-producing methods are paced; updates, admin and query calls go straight through. */
const PACED = /^(send|edit|copy|forward)/i;

export const throttleKeyFor = (method: string, params: Readonly<Record<string, unknown>>): ThrottleKey => {
  if (!PACED.test(method) || /^sendChatAction$/i.test(method)) return 'none';
  const chatId = params.chat_id;
  if (typeof chatId === 'number') return { chatId: String(chatId), kind: chatId > 0 ? 'private' : 'group' };
  if (typeof chatId === 'string' && chatId !== '') {
    return { chatId, kind: /^\d+$/.test(chatId) ? 'private' : 'group' };
  }
  return 'global'; // inline-message edits have no chat
};
