import type pg from 'pg';

/** `seconds`: until the splits and the relay were done; `behind`: checkpoints still short of the head at the end. */
export type Drained = { seconds: number; received: number; missingSplits: number; missingInvites: number; behind: string[] };

const head = async (pool: pg.Pool) =>
  (
    await pool.query<{ c: string; p: string }>(
      'SELECT commit_position::text AS c, position::text AS p FROM paygate_events ORDER BY commit_position DESC, position DESC LIMIT 1',
    )
  ).rows[0];

/** Names of the relay and projection checkpoints still below `position` (tables absent when their role does not run). */
const checkpointsBehind = async (pool: pg.Pool, position: { c: string; p: string }): Promise<string[]> => {
  const behind: string[] = [];
  const tables = [
    ['paygate_relay_checkpoints', 'relay'],
    ['read_model.paygate_projection_checkpoints', 'projection'],
  ] as const;
  for (const [table, key] of tables) {
    const exists = (await pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])).rows[0]?.t;
    if (!exists) continue;
    const { rows } = await pool.query<{ name: string }>(
      `SELECT ${key} AS name FROM ${table}
        WHERE commit_position IS NULL OR (commit_position, prepare_position) < ($1::numeric, $2::numeric)`,
      [position.c, position.p],
    );
    behind.push(...rows.map((row) => `${key} ${row.name}`));
  }
  return behind;
};

const countOf = async (pool: pg.Pool, type: string) =>
  Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM paygate_events WHERE type = $1', [type])).rows[0]!.n);

/**
 * Waits until the split manager has split every PaymentReceived (and, with `invites`, the access
 * manager has sent every invite) and the relay has passed the log's
 * head, then (at most `projectionGraceMs` longer) until every projection's stored checkpoint has:
 * a projection may keep the position of events it ignores in memory for a while before storing it.
 * The webhook only appends, the rest catches up afterwards; waiting keeps one phase's backlog out
 * of the next, and how long it takes is a figure of its own.
 */
export const drainPipeline = async (
  pool: pg.Pool,
  {
    splits,
    invites = false,
    timeoutMs = 300_000,
    projectionGraceMs = 15_000,
  }: { splits: boolean; invites?: boolean; timeoutMs?: number; projectionGraceMs?: number },
): Promise<Drained> => {
  const started = performance.now();
  const received = await countOf(pool, 'PaymentReceived');
  let behind: string[] = [];
  let missingSplits = 0;
  let missingInvites = 0;
  let pipelineDoneAt: number | undefined;
  for (;;) {
    missingSplits = splits ? received - (await countOf(pool, 'SplitCalculated')) : 0;
    // Invites drain at Telegram's pace (30/s): a phase measuring cost must not pay for the last one's.
    missingInvites = invites ? received - (await countOf(pool, 'InviteLinkSent')) : 0;
    const position = await head(pool);
    behind = position ? await checkpointsBehind(pool, position) : [];
    const now = performance.now();
    if (missingSplits <= 0 && missingInvites <= 0 && !behind.some((name) => name.startsWith('relay'))) pipelineDoneAt ??= now;
    if (pipelineDoneAt !== undefined && (behind.length === 0 || now - pipelineDoneAt > projectionGraceMs)) break;
    if (now - started > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = ((pipelineDoneAt ?? performance.now()) - started) / 1000;
  return { seconds, received, missingSplits: Math.max(0, missingSplits), missingInvites: Math.max(0, missingInvites), behind };
};

/** Polls once a second (one statement) until every PaymentReceived has its split and its invite. */
export const waitForInvites = async (pool: pg.Pool, timeoutMs = 600_000): Promise<void> => {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ received: string; split: string; invited: string }>(
      `SELECT count(*) FILTER (WHERE type = 'PaymentReceived')::text AS received, count(*) FILTER (WHERE type = 'SplitCalculated')::text AS split,
              count(*) FILTER (WHERE type = 'InviteLinkSent')::text AS invited
         FROM paygate_events WHERE type IN ('PaymentReceived', 'SplitCalculated', 'InviteLinkSent')`,
    );
    const { received, split, invited } = rows[0]!;
    if ((Number(split) >= Number(received) && Number(invited) >= Number(received)) || performance.now() - started > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
};
