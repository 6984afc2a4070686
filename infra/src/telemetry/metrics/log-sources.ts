import type pg from 'pg';

/** `"schema"."table"`, quoted for SQL. */
const qualified = (schema: string, table: string) => `"${schema.replaceAll('"', '""')}"."${table}"`;

const UNDEFINED_TABLE = '42P01';

const missingTable = (error: unknown) => (error as { code?: unknown }).code === UNDEFINED_TABLE;

/**
 * The log head: the last position handed out. Positions are gap-free counters (schema v4), so a
 * head minus a checkpoint is a number of events. Undefined for an empty log.
 */
export const readLogHead = async (pool: pg.Pool): Promise<bigint | undefined> => {
  const { rows } = await pool.query<{ head: string | null }>('SELECT max(commit_position)::text AS head FROM paygate_events');
  return rows[0]?.head == null ? undefined : BigInt(rows[0].head);
};

export type RelayLag = { events: bigint; seconds: number };

/** How far the relay (`default`) is behind the head, and the age of the oldest event it has not published. */
export const readRelayLag = async (pool: pg.Pool, head: bigint | undefined): Promise<RelayLag> => {
  let relayed = -1n;
  try {
    const { rows } = await pool.query<{ c: string }>(`SELECT commit_position::text AS c FROM paygate_relay_checkpoints WHERE relay = 'default'`);
    if (rows[0]) relayed = BigInt(rows[0].c);
  } catch (error) {
    if (!missingTable(error)) throw error; // no relay has ever run
  }
  if (head === undefined || head <= relayed) return { events: 0n, seconds: 0 };
  const { rows } = await pool.query<{ age: number | null }>(
    `SELECT extract(epoch FROM now() - recorded_at)::float8 AS age FROM paygate_events
      WHERE commit_position > $1 ORDER BY commit_position, position LIMIT 1`,
    [relayed.toString()],
  );
  return { events: relayed < 0n ? head : head - relayed, seconds: Math.max(0, rows[0]?.age ?? 0) };
};

/** Events after each read model's checkpoint. */
export const readProjectionLag = async (pool: pg.Pool, schema: string, head: bigint | undefined): Promise<Map<string, bigint>> => {
  const lag = new Map<string, bigint>();
  let rows: { projection: string; c: string | null }[];
  try {
    ({ rows } = await pool.query(`SELECT projection, commit_position::text AS c FROM ${qualified(schema, 'paygate_projection_checkpoints')}`));
  } catch (error) {
    if (missingTable(error)) return lag;
    throw error;
  }
  for (const row of rows) {
    const at = row.c === null ? undefined : BigInt(row.c);
    lag.set(row.projection, head === undefined ? 0n : at === undefined ? head : head > at ? head - at : 0n);
  }
  return lag;
};

export const PAYOUT_STATUSES = ['running', 'held', 'failed', 'sent'] as const;

/** Payouts per status from the payouts read model (every status present, zero when none). */
export const readPayoutsByStatus = async (pool: pg.Pool, schema: string): Promise<Map<string, number>> => {
  const counts = new Map<string, number>(PAYOUT_STATUSES.map((status) => [status, 0]));
  const { rows } = await pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM ${qualified(schema, 'payouts')} GROUP BY status`);
  for (const row of rows) counts.set(row.status, row.n);
  return counts;
};
