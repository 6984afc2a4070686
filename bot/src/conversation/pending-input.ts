/**
 * What the bot waits for from one user in their private chat: a typed donation amount, a
 * broadcast's text or photo, a time. Kept in a store (PostgreSQL in production) so a restart
 * between the question and the answer loses nothing. Each feature names its own `kind` and
 * validates its own `data`: the store knows neither.
 */
export type PendingInput = { readonly kind: string; readonly data: Readonly<Record<string, string>> };

export type PendingInputPort = {
  /** Replaces whatever the user was asked before. `expiresAt` ISO: after it the answer is treated as ordinary chat. */
  set(userId: string, input: PendingInput, expiresAt: string): Promise<void>;
  /** The user's pending input if it has not expired at `now`, removed from the store (ask again to keep waiting). */
  take(userId: string, now: Date): Promise<PendingInput | undefined>;
  clear(userId: string): Promise<void>;
};

/** The in-process store: for unit tests and single-process tools. */
export const createMemoryPendingInputs = (): PendingInputPort => {
  const entries = new Map<string, { input: PendingInput; expiresAt: number }>();
  return {
    async set(userId, input, expiresAt) {
      entries.set(userId, { input, expiresAt: Date.parse(expiresAt) });
    },
    async take(userId, now) {
      const entry = entries.get(userId);
      entries.delete(userId);
      return entry && entry.expiresAt > now.getTime() ? entry.input : undefined;
    },
    async clear(userId) {
      entries.delete(userId);
    },
  };
};
