import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareProjectionSchemas, rebuildProjection } from '@paygate/projections';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import type { EventStore } from '@paygate/domain';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { deleteStreams, streamMessageIds } from '../relay/test-support/jetstream-contents.ts';
import { eventLogProjection } from './event-log-projection.ts';

const CHILD = fileURLToPath(new URL('./relay-projector.child.ts', import.meta.url));
const KILLS = 6;

describe('SIGKILL the relay + projector process repeatedly during steady appends', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let eventStore: EventStore;
  const stream = uniqueName('FAULT');
  const subjectPrefix = `test.${stream.toLowerCase()}`;
  const stderr: string[] = [];

  const spawnChild = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, DATABASE_URL: database.url, NATS_URL: testNatsUrl(), STREAM: stream, SUBJECT_PREFIX: subjectPrefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}: ${stderr.join('')}`)));
    });
    return child;
  };

  const kill = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sigkill');
    pool = createPool(database.url);
    await migrateEventStore(pool);
    eventStore = createPostgresEventStore({ pool });
  });

  afterAll(async () => {
    await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
    await eventStore?.close();
    await pool?.end();
    await database?.drop();
  });

  it('leaves every event in JetStream exactly once and a projection equal to its rebuild', async () => {
    const appended: string[] = [];
    let appending = true;
    const appender = (async () => {
      for (let i = 0; appending; i++) {
        const id = randomUUID();
        await eventStore.append(`fault-${i % 13}`, [{ id, type: 'FaultProbe', data: { i } }]);
        appended.push(id);
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    for (let kill_ = 0; kill_ < KILLS; kill_++) {
      const child = await spawnChild();
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 700)));
      await kill(child);
    }
    appending = false;
    await appender;

    const survivor = await spawnChild();
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) });
    try {
      await waitFor(
        'relay and projector caught up',
        async () => {
          const { messages } = await streamMessageIds(testNatsUrl(), stream);
          const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM fault_event_log');
          return messages >= appended.length && Number(rows[0]!.n) >= appended.length;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    } finally {
      await kill(survivor);
    }

    const { ids, messages } = await streamMessageIds(testNatsUrl(), stream);
    expect(messages).toBe(appended.length);
    expect(new Set(ids).size).toBe(appended.length);
    expect([...ids].sort()).toEqual([...appended].sort());

    const { rows } = await pool.query<{ n: string }>('SELECT count(DISTINCT event_id)::text AS n FROM fault_event_log');
    expect(Number(rows[0]!.n)).toBe(appended.length);
    await rebuildProjection({ db, eventStore, projection: eventLogProjection, schema: 'fault_rebuild' });
    expect(await compareProjectionSchemas(db, eventLogProjection, 'public', 'fault_rebuild')).toEqual([]);
    expect(stderr.join('')).not.toMatch(/duplicate key/);
    console.log(`SIGKILL fault test: ${KILLS} kills, ${appended.length} events, each once in JetStream and in the projection`);
  });
});
