import pg from 'pg';
import type { EventToAppend } from '@paygate/domain';
import { prepareAppend } from '@paygate/domain';

export type HeldAppend = { commit(): Promise<void>; rollback(): Promise<void> };

/**
 * Test aid: runs `paygate_append` in a transaction on its own connection and leaves it open, so a
 * test can commit it after later appends. Kept beside the adapter because it knows the function.
 */
export const holdPostgresAppend = async (connectionString: string, streamId: string, events: EventToAppend[], channel = 'paygate_events'): Promise<HeldAppend> => {
  const prepared = prepareAppend(streamId, events);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT * FROM paygate_append($1, $2, $3, $4, $5, $6, $7, $8, true)', [
      streamId,
      'any',
      null,
      prepared.map((e) => e.id),
      prepared.map((e) => e.type),
      prepared.map((e) => e.dataJson),
      prepared.map((e) => e.metadataJson),
      channel,
    ]);
  } catch (error) {
    await client.end();
    throw error;
  }
  const finish = (sql: string) => async () => {
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return { commit: finish('COMMIT'), rollback: finish('ROLLBACK') };
};
