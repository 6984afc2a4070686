import type pg from 'pg';
import type { GlobalPosition } from '@paygate/domain';

const TABLE = 'paygate_relay_checkpoints';

export const ensureRelayCheckpointTable = async (pool: pg.Pool): Promise<void> => {
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    relay text PRIMARY KEY,
    commit_position numeric(20,0) NOT NULL,
    prepare_position numeric(20,0) NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now())`);
};

export const readRelayCheckpoint = async (pool: pg.Pool, relay: string): Promise<GlobalPosition | undefined> => {
  const { rows } = await pool.query<{ c: string; p: string }>(
    `SELECT commit_position::text AS c, prepare_position::text AS p FROM ${TABLE} WHERE relay = $1`,
    [relay],
  );
  const row = rows[0];
  return row && { commit: BigInt(row.c), prepare: BigInt(row.p) };
};

export const writeRelayCheckpoint = async (pool: pg.Pool, relay: string, position: GlobalPosition): Promise<void> => {
  await pool.query(
    `INSERT INTO ${TABLE} (relay, commit_position, prepare_position) VALUES ($1, $2, $3)
     ON CONFLICT (relay) DO UPDATE SET commit_position = EXCLUDED.commit_position,
       prepare_position = EXCLUDED.prepare_position, updated_at = now()`,
    [relay, position.commit.toString(), position.prepare.toString()],
  );
};
