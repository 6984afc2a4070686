import type pg from 'pg';
import type { PendingInput, PendingInputPort } from '@paygate/bot';
import { pgToPayGateError } from '../postgres/index.ts';

/**
 * The questions the bot waits on, in PostgreSQL: a restart (or another bot process) between the
 * question and the answer still finds it. One per user (a new question replaces the last); take
 * removes it in the same statement that reads it, so two processes never both answer one.
 */
export const createPostgresPendingInputs = (pool: pg.Pool): PendingInputPort & { prune(now: Date): Promise<number> } => {
  const query = async (what: string, text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw pgToPayGateError(error, what);
    }
  };
  return {
    async set(userId, input, expiresAt) {
      await query(
        'recording a pending input',
        `INSERT INTO paygate_bot_pending_inputs (user_id, kind, data, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET kind = EXCLUDED.kind, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [userId, input.kind, JSON.stringify(input.data), expiresAt],
      );
    },
    async take(userId, now) {
      // An expired question is removed too: it is answered by nobody.
      const { rows } = await query('taking a pending input', 'DELETE FROM paygate_bot_pending_inputs WHERE user_id = $1 RETURNING kind, data, expires_at', [userId]);
      const row = rows[0] as { kind: string; data: Record<string, string>; expires_at: Date } | undefined;
      if (!row || row.expires_at.getTime() <= now.getTime()) return undefined;
      return { kind: row.kind, data: row.data } satisfies PendingInput;
    },
    async clear(userId) {
      await query('clearing a pending input', 'DELETE FROM paygate_bot_pending_inputs WHERE user_id = $1', [userId]);
    },
    /** Forgets questions nobody answered in time; returns how many. */
    async prune(now) {
      const { rowCount } = await query('pruning pending inputs', 'DELETE FROM paygate_bot_pending_inputs WHERE expires_at <= $1', [now]);
      return rowCount ?? 0;
    },
  };
};
