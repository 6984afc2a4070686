/**
 * The durable record of which Telegram updates were handled, keyed by (bot id, update_id).
 * Telegram redelivers an update when a webhook answer is slow or lost, and long polling hands
 * out again what was fetched but not confirmed before a restart; the ledger makes the second
 * copy a no-op. Production: a PostgreSQL table (infra); tests and single runs: memory.
 *
 * A claim is exclusive. A claim left behind by a crashed process is taken over once it is older
 * than the ledger's stale limit, so an update is never stuck; the handlers' effects are
 * idempotent themselves (deterministic invoice ids), so that rare second run doubles nothing.
 */
export type UpdateClaim = 'claimed' | 'duplicate';

export type UpdateLedger = {
  claim(botId: number, updateId: number): Promise<UpdateClaim>;
  /** The update was handled: every later copy is a duplicate. */
  complete(botId: number, updateId: number): Promise<void>;
  /** Handling failed before any effect could be trusted: a redelivered copy may try again. */
  release(botId: number, updateId: number): Promise<void>;
};

export type MemoryLedgerOptions = { clock?: () => Date; staleAfterMs?: number };

export const createMemoryUpdateLedger = ({ clock = () => new Date(), staleAfterMs = 120_000 }: MemoryLedgerOptions = {}): UpdateLedger => {
  const entries = new Map<string, { done: boolean; claimedAt: number }>();
  const key = (botId: number, updateId: number) => `${botId}:${updateId}`;
  return {
    async claim(botId, updateId) {
      const now = clock().getTime();
      const entry = entries.get(key(botId, updateId));
      if (entry && (entry.done || now - entry.claimedAt < staleAfterMs)) return 'duplicate';
      entries.set(key(botId, updateId), { done: false, claimedAt: now });
      return 'claimed';
    },
    async complete(botId, updateId) {
      entries.set(key(botId, updateId), { done: true, claimedAt: clock().getTime() });
    },
    async release(botId, updateId) {
      const entry = entries.get(key(botId, updateId));
      if (entry && !entry.done) entries.delete(key(botId, updateId));
    },
  };
};
