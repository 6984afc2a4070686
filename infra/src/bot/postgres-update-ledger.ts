import type pg from 'pg';
import type { UpdateLedger } from '@paygate/bot';
import { pgToPayGateError } from '../postgres/index.ts';

export type PostgresUpdateLedgerOptions = {
  /** A claim older than this, never completed, belongs to a crashed process and is taken over. Default 2 minutes. */
  staleAfterMs?: number;
};

export type PostgresUpdateLedger = UpdateLedger & {
  /** Forgets handled updates older than `olderThanMs` (Telegram keeps undelivered updates 24 hours). */
  prune(olderThanMs?: number): Promise<number>;
};

const DAY_MS = 86_400_000;

/**
 * The update ledger in PostgreSQL: one row per (bot, update). A claim is an insert; the same
 * update again hits the primary key and is a duplicate, unless its claim went stale. Database
 * failures surface as PayGateError ('unavailable' when unreachable), so the webhook answers 503
 * and Telegram delivers the update again.
 */
export const createPostgresUpdateLedger = (pool: pg.Pool, options: PostgresUpdateLedgerOptions = {}): PostgresUpdateLedger => {
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const query = async (what: string, text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw pgToPayGateError(error, what);
    }
  };
  return {
    async claim(botId, updateId) {
      const result = await query(
        'claiming a telegram update',
        `INSERT INTO paygate_bot_updates (bot_id, update_id, status, claimed_at) VALUES ($1, $2, 'claimed', now())
         ON CONFLICT (bot_id, update_id) DO UPDATE SET claimed_at = now()
           WHERE paygate_bot_updates.status = 'claimed' AND paygate_bot_updates.claimed_at < now() - make_interval(secs => $3::double precision / 1000)
         RETURNING update_id`,
        [botId, updateId, staleAfterMs],
      );
      return result.rowCount === 1 ? 'claimed' : 'duplicate';
    },
    async complete(botId, updateId) {
      await query(
        'completing a telegram update',
        `INSERT INTO paygate_bot_updates (bot_id, update_id, status, claimed_at, done_at) VALUES ($1, $2, 'done', now(), now())
         ON CONFLICT (bot_id, update_id) DO UPDATE SET status = 'done', done_at = now()`,
        [botId, updateId],
      );
    },
    async release(botId, updateId) {
      await query('releasing a telegram update', `DELETE FROM paygate_bot_updates WHERE bot_id = $1 AND update_id = $2 AND status = 'claimed'`, [botId, updateId]);
    },
    async prune(olderThanMs = 7 * DAY_MS) {
      const result = await query(
        'pruning the telegram update ledger',
        `DELETE FROM paygate_bot_updates WHERE status = 'done' AND done_at < now() - make_interval(secs => $1::double precision / 1000)`,
        [olderThanMs],
      );
      return result.rowCount ?? 0;
    },
  };
};
