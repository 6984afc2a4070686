/**
 * The bot's pending updates. Ids increase strictly; an update stays until a getUpdates call
 * with a higher offset confirms it (or a webhook delivery succeeds). A long poll waits until an
 * update it may see arrives, the timeout passes, or a newer getUpdates call supersedes it —
 * that one gets 409, as the real server answers two bot instances polling at once.
 *
 * allowed_updates is applied when updates are handed out, not when they are created: an update
 * created before the bot first polled with "chat_member" is still seen (the real server filters
 * at creation, which makes tests race against the bot's first poll).
 */
import { OPT_IN_UPDATE_TYPES, type TgUpdate, type TgUpdateType } from '../bot-api-types.ts';
import type { BotApiError} from './bot-api-error.ts';
import { conflict, TERMINATED_BY_OTHER_GET_UPDATES } from './bot-api-error.ts';

export type QueuedUpdate = { readonly type: TgUpdateType; readonly update: TgUpdate };

export type UpdateQueue = {
  push(type: TgUpdateType, payload: unknown): TgUpdate;
  /** getUpdates semantics: confirm below offset (negative = keep the last -offset), then list. */
  take(input: { offset?: number; limit: number }): TgUpdate[];
  /** Waits up to timeoutMs for something `take` would return; rejects with 409 when superseded. */
  poll(input: { offset?: number; limit: number; timeoutMs: number; signal?: AbortSignal }): Promise<TgUpdate[]>;
  confirmThrough(updateId: number): void;
  /** The first pending update the current allowed_updates lets through; drops the others before it. */
  nextDeliverable(): QueuedUpdate | undefined;
  setAllowed(types: readonly string[] | undefined): void;
  readonly allowed: () => readonly string[];
  dropAll(): void;
  pending(): readonly QueuedUpdate[];
  onPush(listener: () => void): void;
  /** Ends every waiting long poll (sandbox shutdown). */
  close(): void;
  /** The id the next update gets. */
  nextUpdateId(): number;
};

export type UpdateQueueOptions = {
  /** Updates a restored world still owes the bot, oldest first. */
  readonly pending?: readonly QueuedUpdate[];
  readonly allowed?: readonly string[];
  /** Runs before an id is handed out; throwing refuses the update (a world file that cannot record its counter). */
  readonly beforeIssue?: (updateId: number) => void;
};

export const isAllowed = (allowed: readonly string[], type: string) =>
  allowed.length === 0 ? !OPT_IN_UPDATE_TYPES.includes(type) : allowed.includes(type);

/** `maxPending`: past it the oldest pending update is dropped, as Telegram drops what nobody fetched for a day. */
export const createUpdateQueue = (firstUpdateId = 1, maxPending = Number.POSITIVE_INFINITY, options: UpdateQueueOptions = {}): UpdateQueue => {
  let queue: QueuedUpdate[] = [...(options.pending ?? [])];
  let nextId = firstUpdateId;
  let allowed: readonly string[] = [...(options.allowed ?? [])];
  const listeners: (() => void)[] = [];
  let waiters: (() => void)[] = [];
  let activePoll: ((error: BotApiError) => void) | undefined;

  const wake = () => {
    const toWake = waiters;
    waiters = [];
    for (const w of toWake) w();
  };

  const confirmBelow = (offset: number | undefined) => {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) queue = queue.slice(Math.max(0, queue.length + offset));
    else queue = queue.filter((q) => q.update.update_id >= offset);
  };

  const visible = (limit: number) => queue.filter((q) => isAllowed(allowed, q.type)).slice(0, limit).map((q) => q.update);

  const self: UpdateQueue = {
    push(type, payload) {
      options.beforeIssue?.(nextId);
      const update = { update_id: nextId, [type]: payload } as TgUpdate;
      nextId += 1;
      queue.push({ type, update });
      if (queue.length > maxPending) queue.splice(0, queue.length - maxPending);
      wake();
      for (const listener of listeners) listener();
      return update;
    },
    take({ offset, limit }) {
      confirmBelow(offset);
      return visible(limit);
    },
    async poll({ offset, limit, timeoutMs, signal }) {
      activePoll?.(conflict(TERMINATED_BY_OTHER_GET_UPDATES));
      confirmBelow(offset);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = visible(limit);
        const left = deadline - Date.now();
        if (found.length > 0 || left <= 0 || signal?.aborted) return found;
        await new Promise<void>((resolve, reject) => {
          const cleanup = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            if (activePoll === supersede) activePoll = undefined;
            waiters = waiters.filter((w) => w !== done);
          };
          const done = () => {
            cleanup();
            resolve();
          };
          const supersede = (error: BotApiError) => {
            cleanup();
            reject(error);
          };
          const timer = setTimeout(done, left);
          signal?.addEventListener('abort', done);
          waiters.push(done);
          activePoll = supersede;
        });
      }
    },
    confirmThrough(updateId) {
      queue = queue.filter((q) => q.update.update_id > updateId);
    },
    nextDeliverable() {
      while (queue.length > 0 && !isAllowed(allowed, queue[0]!.type)) queue.shift();
      return queue[0];
    },
    setAllowed(types) {
      if (types !== undefined) allowed = [...types];
    },
    allowed: () => allowed,
    dropAll() {
      queue = [];
    },
    pending: () => queue,
    onPush(listener) {
      listeners.push(listener);
    },
    close() {
      wake();
    },
    nextUpdateId: () => nextId,
  };
  return self;
};
