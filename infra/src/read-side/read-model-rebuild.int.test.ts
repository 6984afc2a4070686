import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareProjectionSchemas,
  prepareProjection,
  readModelProjections,
  rebuildProjection,
  type Projection,
} from '@paygate/projections';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from './read-side-harness.ts';
import { seedScenario } from './read-side-scenario.ts';

const rowCount = async (harness: ReadSideHarness, schema: string, table: string) =>
  Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.id(schema, table)}`.execute(harness.db)).rows[0]!.n);

describe('read models rebuilt from event 0 equal the live ones (invariant 6)', () => {
  let harness: ReadSideHarness;

  beforeAll(async () => {
    harness = await startReadSide('paygate_read_rebuild');
    await seedScenario(harness.commands);
    await harness.settle();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('every projection has rows to compare (the scenario exercises each table)', async () => {
    for (const projection of readModelProjections) {
      for (const table of projection.tables) expect(await rowCount(harness, LIVE_SCHEMA, table), `${table}`).toBeGreaterThan(0);
    }
  });

  it.each(readModelProjections.map((projection) => [projection.name, projection] as const))(
    '%s: rebuilt into a fresh schema, row for row equal to the live schema',
    async (name, projection: Projection) => {
      const schema = `rebuild_${name}`;
      const result = await rebuildProjection({ db: harness.db, eventStore: harness.eventStore, projection, schema, pageSize: 17 });
      expect(result.events).toBe((await harness.eventStore.readAll()).length);
      expect(await compareProjectionSchemas(harness.db, projection, LIVE_SCHEMA, schema)).toEqual([]);
    },
  );

  it('the comparison sees a changed row (so the checks above can fail)', async () => {
    const projection = readModelProjections.find((p) => p.name === 'payments')!;
    await rebuildProjection({ db: harness.db, eventStore: harness.eventStore, projection, schema: 'rebuild_tampered' });
    await sql`UPDATE rebuild_tampered.payments SET received_outcome_amount = received_outcome_amount + 1 WHERE payment_id = 'pay-1'`.execute(harness.db);
    expect(await compareProjectionSchemas(harness.db, projection, LIVE_SCHEMA, 'rebuild_tampered')).toEqual([
      { table: 'payments', onlyLeft: 1, onlyRight: 1 },
    ]);
  });

  it.each(readModelProjections.map((projection) => [projection.name, projection] as const))(
    '%s: applying each event twice, then the whole log again, changes nothing',
    async (name, projection: Projection) => {
      const schema = `twice_${name}`;
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(harness.db);
      await prepareProjection(harness.db, projection, schema);
      const events = (await harness.eventStore.readAll()).filter((event) => projection.handles.includes(event.type));
      const scoped = harness.db.withSchema(schema);
      for (const event of events) {
        await projection.apply(scoped, event, schema);
        await projection.apply(scoped, event, schema);
      }
      for (const event of events) await projection.apply(scoped, event, schema);
      expect(await compareProjectionSchemas(harness.db, projection, LIVE_SCHEMA, schema)).toEqual([]);
    },
  );
});
