import type pg from 'pg';
import type { BlockedChatsPort } from '@paygate/bot';
import { pgToPayGateError } from '../postgres/index.ts';

export type PostgresBlockedChats = BlockedChatsPort & {
  isBlocked(chatId: string): Promise<{ reason: string; blockedAt: string } | undefined>;
};

/** Chats that answered 403 (blocked the bot, deactivated, never started it), until the user writes again. */
export const createPostgresBlockedChats = (pool: pg.Pool): PostgresBlockedChats => {
  const query = async (what: string, text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw pgToPayGateError(error, what);
    }
  };
  return {
    async blocked({ chatId, reason, at }) {
      await query(
        'recording a blocked chat',
        `INSERT INTO paygate_bot_blocked_chats (chat_id, reason, blocked_at) VALUES ($1, $2, $3)
         ON CONFLICT (chat_id) DO UPDATE SET reason = EXCLUDED.reason, blocked_at = EXCLUDED.blocked_at`,
        [chatId, reason.slice(0, 200), at],
      );
    },
    async reachable(chatId) {
      await query('clearing a blocked chat', 'DELETE FROM paygate_bot_blocked_chats WHERE chat_id = $1', [chatId]);
    },
    async isBlocked(chatId) {
      const { rows } = await query('reading a blocked chat', 'SELECT reason, blocked_at FROM paygate_bot_blocked_chats WHERE chat_id = $1', [chatId]);
      const row = rows[0] as { reason: string; blocked_at: Date } | undefined;
      return row && { reason: row.reason, blockedAt: row.blocked_at.toISOString() };
    },
  };
};
