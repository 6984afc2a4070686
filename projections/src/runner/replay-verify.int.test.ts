import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalPosition } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { ensureCheckpointTable, writeCheckpoint } from './checkpoints.ts';
import type { AnyKysely, Projection } from './projection.ts';
import type { ShadowReplay } from './replay.ts';
import { verifyReplay } from './replay-verify.ts';

// --verify under traffic that never pauses: the live side is ahead at every snapshot, and
// following it must end at the deadline instead of looping for ever.

let database: TestDatabase;
let db: AnyKysely;
beforeAll(async () => {
  database = await createTestDatabase('paygate_replay_verify');
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
  await ensureCheckpointTable(db, 'live');
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const projection: Projection = { name: 'moving', version: 1, tables: [], ddl: () => [], handles: ['Seen'], apply: async () => undefined };
const at = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });

describe('verifyReplay', () => {
  it('gives up following a live projection that keeps moving ahead once the wait is over, saying so', async () => {
    let live = 10;
    let replayAt = 5;
    let advances = 0;
    await writeCheckpoint(db, 'live', projection.name, projection.version, at(live));
    const replay: ShadowReplay = {
      schema: 'shadow',
      events: () => replayAt,
      position: () => at(replayAt),
      lastHandled: () => at(replayAt),
      // Each time the replay catches up, the live projector has moved on again.
      advanceTo: async (until) => {
        advances++;
        replayAt = Number(until!.commit);
        live += 10;
        await writeCheckpoint(db, 'live', projection.name, projection.version, at(live));
        return until;
      },
      drop: async () => undefined,
    };
    const result = await verifyReplay({ db, replay, projections: [projection], liveSchema: 'live', waitMs: 300, pollMs: 10 });
    expect(result.compared).toBe(false);
    expect(advances).toBeGreaterThan(0);
    expect(result).toMatchObject({ behind: [{ projection: 'moving', reason: 'live kept moving ahead of the replay' }] });
  });
});
